package dev.tenantwave.service.problem;

import dev.tenantwave.service.outage.DependencyOutage;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every error the framework produces (unknown route, wrong method or content type, oversized or malformed body,
 * failed authentication or authorization, validation) into an RFC 9457 problem document with a detail a person can
 * act on. An unexpected server error gets an opaque reference that is also in the log.
 */
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);
  /** What a client is told to wait before retrying during a dependency outage. */
  static final int RETRY_AFTER_SECONDS = 5;

  @Override
  public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
    HttpRequest<?> request = context.getRequest();
    int status = response.status().getCode();
    Optional<DependencyOutage> outage = status >= 500
        ? context.getRootCause().flatMap(DependencyOutage::of) : Optional.empty();
    Problem problem;
    if (outage.isPresent()) {
      LOG.warn("{} unavailable on {} {}: {}", outage.get().dependency(), request.getMethod(), request.getPath(),
          outage.get().cause());
      response.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
      problem = unavailable(outage.get()).withInstance(request.getPath());
    } else {
      problem = problemFor(status, context).withInstance(request.getPath());
    }
    if (request.getMethod() == HttpMethod.HEAD) {
      return (MutableHttpResponse<Problem>) response;
    }
    return response.body(problem).contentType(MediaType.of(Problem.MEDIA_TYPE));
  }

  static Problem unavailable(DependencyOutage outage) {
    return Problem.of(503, "dependency-unavailable", "Dependency unavailable",
        outage.dependency() + ", which this service needs for the request, is unavailable (" + outage.cause()
            + "). Nothing was changed; retry after " + RETRY_AFTER_SECONDS + " s. /health names the dependency.")
        .withDependency(outage.dependency());
  }

  private Problem problemFor(int status, ErrorContext context) {
    HttpRequest<?> request = context.getRequest();
    String messages = messages(context);
    return switch (status) {
      case 400 -> badRequest(context, messages);
      case 401 -> Problem.of(401, "unauthenticated", "Authentication required",
          "This API needs HTTP Basic credentials of a configured operator user (./tw up prints them and writes"
              + " them to .tw/credentials); the request had none or they did not match.");
      case 403 -> Problem.of(403, "forbidden", "Forbidden",
          "User '" + request.getUserPrincipal().map(Principal::getName).orElse("?") + "' may not "
              + request.getMethod() + " " + request.getPath()
              + ": its role does not include this operation (viewer reads; the OpenAPI document at /openapi/ names"
              + " the role each operation needs).");
      case 404 -> Problem.of(404, "not-found", "Not found",
          "Nothing at " + request.getPath() + ". The operator API is under /api/v1; see /openapi/ for its resources.");
      case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed", orDefault(messages,
          request.getMethod() + " is not allowed on " + request.getPath()));
      case 406 -> Problem.of(406, "not-acceptable", "Not acceptable",
          "This API answers with application/json (and application/problem+json for errors); accept one of them.");
      case 413 -> Problem.of(413, "payload-too-large", "Payload too large", orDefault(messages,
          "The request body is larger than the server accepts.")
          + " Split it into smaller requests.");
      case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported media type",
          "Content-Type " + request.getContentType().map(MediaType::toString).orElse("(none)")
              + " is not supported here; send the body as application/json.");
      default -> {
        if (status >= 500) {
          String reference = UUID.randomUUID().toString();
          LOG.error("Internal error {} on {} {}: {}", reference, request.getMethod(), request.getPath(), messages,
              context.getRootCause().orElse(null));
          yield Problem.of(status, "internal-error", "Internal error",
              "The server failed to handle the request; the log has the details under reference " + reference + ".");
        }
        yield Problem.of(status, "http-" + status, response(status), orDefault(messages, response(status)));
      }
    };
  }

  private static Problem badRequest(ErrorContext context, String messages) {
    Optional<Throwable> cause = context.getRootCause();
    String causeText = cause.map(ProblemErrorResponseProcessor::chain).orElse("");
    if (causeText.contains("JsonParse") || causeText.contains("JsonSyntax") || causeText.contains("JsonEOF")
        || messages.startsWith("Invalid JSON") && !messages.contains("enum")) {
      return Problem.of(400, "malformed-json", "Malformed JSON",
          "The request body is not valid JSON: " + firstLine(messages)
              + ". Send one JSON document as shown in the OpenAPI description at /openapi/.");
    }
    List<Problem.Violation> violations = context.getErrors().stream()
        .map(e -> Problem.Violation.field(e.getPath().orElse(null), e.getMessage()))
        .toList();
    return Problem.of(400, "invalid-request", "Invalid request", orDefault(messages, "The request is invalid."))
        .withErrors(violations.size() > 1 ? violations : null);
  }

  private static String chain(Throwable t) {
    StringBuilder names = new StringBuilder();
    for (Throwable c = t; c != null && names.length() < 2000; c = c.getCause() == c ? null : c.getCause()) {
      names.append(c.getClass().getName()).append(' ');
    }
    return names.toString();
  }

  private static String messages(ErrorContext context) {
    return context.getErrors().stream().map(Error::getMessage).filter(m -> m != null && !m.isBlank())
        .map(ProblemErrorResponseProcessor::firstLine).distinct().collect(Collectors.joining("; "));
  }

  private static String firstLine(String message) {
    String line = message.lines().findFirst().orElse("").trim();
    // Parser messages append the source location in a form that names internal classes; keep what a person needs.
    int source = line.indexOf(" at [Source");
    return source > 0 ? line.substring(0, source) : line;
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String response(int status) {
    try {
      return io.micronaut.http.HttpStatus.valueOf(status).getReason();
    } catch (IllegalArgumentException e) {
      return "HTTP " + status;
    }
  }
}
