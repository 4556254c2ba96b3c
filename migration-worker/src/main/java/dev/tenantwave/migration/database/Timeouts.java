package dev.tenantwave.migration.database;

import java.time.Duration;

/** Set on every transaction, so on every statement the worker runs. */
public record Timeouts(Duration lockTimeout, Duration statementTimeout) {

  public static final Timeouts DEFAULT = new Timeouts(Duration.ofMillis(750), Duration.ofSeconds(60));
}
