package dev.tenantwave.catalog.outcome;

/** What a change came to: the value written, or why nothing was. */
public sealed interface Outcome<T> permits Outcome.Done, Outcome.Rejected {

  record Done<T>(T value) implements Outcome<T> {}

  record Rejected<T>(Rejection rejection) implements Outcome<T> {}

  static <T> Outcome<T> done(T value) {
    return new Done<>(value);
  }

  static <T> Outcome<T> rejected(Rejection rejection) {
    return new Rejected<>(rejection);
  }
}
