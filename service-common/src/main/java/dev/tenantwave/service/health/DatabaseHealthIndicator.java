package dev.tenantwave.service.health;

import dev.tenantwave.service.startup.SchemaMigrations;
import io.micronaut.context.BeanLocator;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
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

/**
 * DOWN, naming the JDBC URL, when the service's own PostgreSQL database does not answer, or answers but Flyway has
 * not yet migrated the service's tables ({@link SchemaMigrations}).
 */
@Singleton
@Requires(beans = DataSource.class)
public class DatabaseHealthIndicator implements HealthIndicator {

  private final DataSource dataSource;
  private final String url;
  private final SchemaMigrations migrations;

  /**
   * The resolver unwraps micronaut-data's transaction-aware proxy, which refuses connections outside a transaction;
   * the probe needs the pool itself. It is looked up rather than injected: a service without a database (no
   * micronaut-jdbc on its classpath) must be able to load this bean's definition, only to find it disabled.
   */
  public DatabaseHealthIndicator(DataSource dataSource, BeanLocator beans,
                                 @Value("${datasources.default.url}") String url, SchemaMigrations migrations) {
    this.dataSource = beans.findBean(DataSourceResolver.class).map(r -> r.resolve(dataSource)).orElse(dataSource);
    this.url = url;
    this.migrations = migrations;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Mono.fromCallable(() -> notMigrated(DependencyCheck.check("database", "PostgreSQL", url, () -> {
      try (Connection connection = dataSource.getConnection()) {
        if (!connection.isValid(3)) {
          throw new SQLException("connection is not valid");
        }
        return Map.of("product", connection.getMetaData().getDatabaseProductVersion());
      }
    }))).subscribeOn(Schedulers.boundedElastic());
  }

  private HealthResult notMigrated(HealthResult reachable) {
    if (reachable.getStatus() != HealthStatus.UP || migrations.finished()) {
      return reachable;
    }
    return HealthResult.builder("database", HealthStatus.DOWN).details(Map.of("address", url, "error",
        "PostgreSQL at " + url + " answers, but the service's tables are not migrated yet (Flyway runs at start; if "
            + "PostgreSQL was down then, restart the service)")).build();
  }
}
