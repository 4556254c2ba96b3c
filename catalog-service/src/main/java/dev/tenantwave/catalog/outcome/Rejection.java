package dev.tenantwave.catalog.outcome;

import dev.tenantwave.service.problem.Problem.Violation;
import java.util.List;

/**
 * Why a change was refused, and as what: a problem {@code type}, a {@code detail} a person can act on, and the
 * single violations (per field, or per row of an import) when there are any. The web layer words it for HTTP.
 */
public record Rejection(Kind kind, String type, String detail, List<Violation> violations) {

  public enum Kind {
    /** The request cannot be carried out as asked: a bad value, an unknown reference, a residency breach. */
    INVALID,
    /** The request is at odds with the current state: the entity exists, is in use, or moved on to a newer version. */
    CONFLICT,
    NOT_FOUND,
    /** A condition the caller set (an If-Match version) does not hold. */
    PRECONDITION_FAILED,
    TOO_LARGE
  }

  public Rejection {
    violations = List.copyOf(violations);
  }

  public static Rejection invalid(String type, String detail) {
    return invalid(type, detail, List.of());
  }

  public static Rejection invalid(String type, String detail, List<Violation> violations) {
    return new Rejection(Kind.INVALID, type, detail, violations);
  }

  public static Rejection conflict(String type, String detail) {
    return new Rejection(Kind.CONFLICT, type, detail, List.of());
  }

  public static Rejection notFound(String detail) {
    return new Rejection(Kind.NOT_FOUND, "not-found", detail, List.of());
  }

  public static Rejection preconditionFailed(String type, String detail) {
    return new Rejection(Kind.PRECONDITION_FAILED, type, detail, List.of());
  }

  public static Rejection tooLarge(String type, String detail) {
    return new Rejection(Kind.TOO_LARGE, type, detail, List.of());
  }
}
