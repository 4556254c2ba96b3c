package dev.tenantwave.service.startup;

import dev.tenantwave.service.problem.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

/**
 * Answers API requests with 503 and {@code Retry-After} until the service's schema is migrated
 * ({@link SchemaMigrations}), instead of letting them fail on a missing table. Runs after security, so that a caller
 * without a login still learns that first.
 */
@Filter("/api/**")
@Requires(beans = SchemaMigrations.class)
public class SchemaReadyFilter implements HttpServerFilter {

  private final SchemaMigrations migrations;

  public SchemaReadyFilter(SchemaMigrations migrations) {
    this.migrations = migrations;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
    if (migrations.finished()) {
      return chain.proceed(request);
    }
    Problem problem = Problem.of(503, "starting", "Service starting",
            "The service is still creating or migrating its tables in PostgreSQL; try again in a second. If this "
                + "lasts, /health says why (PostgreSQL down when the service started: restart it once it is up).")
        .withInstance(request.getPath()).withDependency("PostgreSQL");
    return Publishers.just(problem.retryAfter(1));
  }
}
