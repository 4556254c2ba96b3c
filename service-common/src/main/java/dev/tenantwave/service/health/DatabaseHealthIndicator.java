package dev.tenantwave.service.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** DOWN, naming the JDBC URL, when the service's own PostgreSQL database does not answer. */
@Singleton
@Requires(beans = DataSource.class)
public class DatabaseHealthIndicator implements HealthIndicator {

  private final DataSource dataSource;
  private final String url;

  /**
   * The resolver unwraps micronaut-data's transaction-aware proxy, which refuses connections outside a transaction;
   * the probe needs the pool itself.
   */
  public DatabaseHealthIndicator(DataSource dataSource, @Nullable DataSourceResolver resolver,
                                 @Value("${datasources.default.url}") String url) {
    this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    this.url = url;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Mono.fromCallable(() -> DependencyCheck.check("database", "PostgreSQL", url, () -> {
      try (Connection connection = dataSource.getConnection()) {
        if (!connection.isValid(3)) {
          throw new SQLException("connection is not valid");
        }
        return Map.of("product", connection.getMetaData().getDatabaseProductVersion());
      }
    })).subscribeOn(Schedulers.boundedElastic());
  }
}
