package dev.tenantwave.catalog.web;

import dev.tenantwave.catalog.outcome.Outcome;
import dev.tenantwave.catalog.outcome.Rejection;
import dev.tenantwave.catalog.outcome.Rejection.Kind;
import dev.tenantwave.service.problem.Problem;
import dev.tenantwave.service.problem.ProblemException;
import java.util.Map;

/**
 * Where the services' rejections become problem documents, for every controller alike: the status follows the kind,
 * the title the problem type (one title per type, as RFC 9457 asks), the detail and errors are the rejection's own.
 */
public final class Rejections {

  private static final Map<String, String> TITLES = Map.of(
      "invalid-tenant", "Invalid tenant",
      "residency-violation", "Residency violation",
      "unknown-reference", "Unknown reference",
      "placement-refused", "Placement refused",
      "import-refused", "Bulk import refused",
      "import-too-large", "Too many tenants");

  private Rejections() {}

  /** The value written, or the rejection thrown as its problem document. */
  public static <T> T valueOrProblem(Outcome<T> outcome) {
    if (outcome instanceof Outcome.Done<T> done) {
      return done.value();
    }
    throw new ProblemException(problem(((Outcome.Rejected<T>) outcome).rejection()));
  }

  public static Problem problem(Rejection rejection) {
    return Problem.of(status(rejection.kind()), rejection.type(), title(rejection), rejection.detail())
        .withErrors(rejection.violations());
  }

  private static int status(Kind kind) {
    return switch (kind) {
      case INVALID -> 422;
      case CONFLICT -> 409;
      case NOT_FOUND -> 404;
      case PRECONDITION_FAILED -> 412;
      case TOO_LARGE -> 413;
    };
  }

  private static String title(Rejection rejection) {
    String title = TITLES.get(rejection.type());
    if (title != null) {
      return title;
    }
    return switch (rejection.kind()) {
      case INVALID -> "Unprocessable request";
      case CONFLICT -> "Conflict";
      case NOT_FOUND -> "Not found";
      case PRECONDITION_FAILED -> "Precondition failed";
      case TOO_LARGE -> "Payload too large";
    };
  }
}
