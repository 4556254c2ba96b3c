package dev.tenantwave.service.startup;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.flyway.event.MigrationFinishedEvent;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/**
 * Whether Flyway has migrated the service's own database. Flyway runs asynchronously at start, so that a database
 * that is down does not keep the service from starting and reporting it; until it has finished, the service's tables
 * may not exist yet, and a request that needs them would fail with a 500.
 */
@Singleton
@Requires(classes = MigrationFinishedEvent.class) // the gate has neither Flyway nor a database
@Requires(beans = DataSource.class)
public class SchemaMigrations implements ApplicationEventListener<MigrationFinishedEvent> {

  private volatile boolean finished;

  public SchemaMigrations(@Value("${flyway.datasources.default.enabled:false}") boolean flywayEnabled) {
    this.finished = !flywayEnabled;
  }

  @Override
  public void onApplicationEvent(MigrationFinishedEvent event) {
    finished = true;
  }

  public boolean finished() {
    return finished;
  }
}
