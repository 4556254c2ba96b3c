package dev.tenantwave.service.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code detail} tells a person what to change; {@code errors} lists the individual
 * problems (a field, or a row of a bulk request) when there are several.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, @Nullable String instance,
                      @Nullable List<Violation> errors, @Nullable String dependency) {

  @Creator
  public Problem {
  }

  public Problem(String type, String title, int status, String detail, @Nullable String instance,
                 @Nullable List<Violation> errors) {
    this(type, title, status, detail, instance, errors, null);
  }

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final String TYPE_BASE = "https://tenantwave.dev/problems/";

  /** One problem inside a request: {@code row} for bulk requests (0-based), {@code field} as a JSON path. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Violation(@Nullable Integer row, @Nullable String id, @Nullable String field, String detail) {

    public static Violation field(String field, String detail) {
      return new Violation(null, null, field, detail);
    }
  }

  /** This problem as a response with its status, telling the caller to try again in {@code seconds}. */
  public MutableHttpResponse<Problem> retryAfter(long seconds) {
    return HttpResponse.<Problem>status(HttpStatus.valueOf(status)).header(HttpHeaders.RETRY_AFTER,
        String.valueOf(seconds)).contentType(MEDIA_TYPE).body(this);
  }

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(TYPE_BASE + slug, title, status, detail, null, null);
  }

  public Problem withErrors(List<Violation> violations) {
    return new Problem(type, title, status, detail, instance, violations == null || violations.isEmpty() ? null : violations,
        dependency);
  }

  public Problem withInstance(String path) {
    return new Problem(type, title, status, detail, path, errors, dependency);
  }

  /** Names the unavailable dependency (for example {@code PostgreSQL}) of a 503. */
  public Problem withDependency(String name) {
    return new Problem(type, title, status, detail, instance, errors, name);
  }
}
