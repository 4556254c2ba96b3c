package dev.tenantwave.service.problem;

/** Ends a request with the given problem document (a 4xx a person can act on). */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  public static ProblemException badRequest(String slug, String detail) {
    return new ProblemException(Problem.of(400, slug, "Bad request", detail));
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(Problem.of(404, "not-found", "Not found", detail));
  }

  public static ProblemException conflict(String slug, String detail) {
    return new ProblemException(Problem.of(409, slug, "Conflict", detail));
  }

  public static ProblemException unprocessable(String slug, String detail) {
    return new ProblemException(Problem.of(422, slug, "Unprocessable request", detail));
  }
}
