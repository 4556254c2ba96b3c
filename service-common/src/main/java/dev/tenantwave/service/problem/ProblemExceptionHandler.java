package dev.tenantwave.service.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, MutableHttpResponse<?>> {

  @Override
  public MutableHttpResponse<?> handle(HttpRequest request, ProblemException exception) {
    Problem problem = exception.problem();
    if (problem.instance() == null) {
      problem = problem.withInstance(request.getPath());
    }
    return HttpResponse.status(HttpStatus.valueOf(problem.status())).body(problem).contentType(Problem.MEDIA_TYPE);
  }
}
