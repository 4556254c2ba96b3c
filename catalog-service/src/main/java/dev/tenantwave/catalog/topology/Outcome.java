package dev.tenantwave.catalog.topology;

/** What a topology change came to: the entity written, or why nothing was. */
public sealed interface Outcome<T> permits Outcome.Done, Outcome.Rejected {

  /** Why a change was refused, and as what: an invalid request, a conflict with the current state, a missing entity. */
  record Rejection(Kind kind, String type, String detail) {
    public enum Kind { INVALID, CONFLICT, NOT_FOUND }

    static Rejection invalid(String type, String detail) {
      return new Rejection(Kind.INVALID, type, detail);
    }

    static Rejection conflict(String type, String detail) {
      return new Rejection(Kind.CONFLICT, type, detail);
    }

    static Rejection notFound(String detail) {
      return new Rejection(Kind.NOT_FOUND, "not-found", detail);
    }
  }

  record Done<T>(T value) implements Outcome<T> {}

  record Rejected<T>(Rejection rejection) implements Outcome<T> {}

  static <T> Outcome<T> done(T value) {
    return new Done<>(value);
  }

  static <T> Outcome<T> rejected(Rejection rejection) {
    return new Rejected<>(rejection);
  }
}
