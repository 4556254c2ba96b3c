package dev.tenantwave.catalog.web;

import dev.tenantwave.service.problem.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.sql.SQLException;

/**
 * The last line for input the checks let through to PostgreSQL: a value it cannot store (SQLSTATE class 22, such as
 * a NUL character) is the client's 400, a concurrent create of the same id (23505) a 409. The transaction has rolled
 * back, so nothing is half-written. Anything else stays a 500.
 */
@Singleton
@Requires(classes = DataAccessException.class)
public class DatabaseErrorHandler implements ExceptionHandler<DataAccessException, MutableHttpResponse<?>> {

  private final ErrorResponseProcessor<?> errors;

  public DatabaseErrorHandler(ErrorResponseProcessor<?> errors) {
    this.errors = errors;
  }

  @Override
  public MutableHttpResponse<?> handle(HttpRequest request, DataAccessException exception) {
    String state = sqlState(exception);
    if (state != null && state.startsWith("22")) {
      return problem(request, Problem.of(400, "unstorable-value", "Invalid value",
          "a value in the request cannot be stored (" + state + "): text must not contain NUL characters and must be"
              + " valid UTF-8; numbers must fit their field"));
    }
    if ("23505".equals(state)) {
      return problem(request, Problem.of(409, "already-exists", "Conflict",
          "the resource was created concurrently by another request; GET it and retry"));
    }
    if ("40001".equals(state) || "40P01".equals(state)) {
      return problem(request, Problem.of(409, "concurrent-change", "Conflict",
          "a concurrent change got in the way; retry the request"));
    }
    return errors.processResponse(ErrorContext.builder(request).cause(exception).build(),
        HttpResponse.serverError());
  }

  private static MutableHttpResponse<?> problem(HttpRequest<?> request, Problem problem) {
    return HttpResponse.status(HttpStatus.valueOf(problem.status())).body(problem.withInstance(request.getPath()))
        .contentType(Problem.MEDIA_TYPE);
  }

  private static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }
}
