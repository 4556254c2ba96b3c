package dev.tenantwave.migration.database;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import dev.tenantwave.migration.retry.RetrySettings;
import dev.tenantwave.migration.retry.SqlErrorClass;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/** Retries work with backoff on retriable SQL errors, reporting each retry as RETRYING progress of its run. */
final class SqlRetry {

  private final RetrySettings settings;

  SqlRetry(RetrySettings settings) {
    this.settings = settings;
  }

  <T> T retrying(PhaseRun run, CheckedSupplier<T> work) throws SQLException, InterruptedException {
    return retrying(run, null, work);
  }

  /** As {@link #retrying(PhaseRun, CheckedSupplier)}, running {@code beforeRetry} (if any) before each retry. */
  <T> T retrying(PhaseRun run, Runnable beforeRetry, CheckedSupplier<T> work)
      throws SQLException, InterruptedException {
    RetryPolicy<T> policy = RetryPolicy.<T>builder()
        .handleIf(SqlRetry::isRetriable)
        .withBackoff(settings.initialDelay(), settings.maxDelay())
        .withJitter(settings.jitterFactor())
        .withMaxRetries(settings.maxRetries())
        .onRetry(event -> {
          if (beforeRetry != null) {
            beforeRetry.run();
          }
          run.reportRetrying(event.getAttemptCount() + 1, describe(event.getLastException()));
        })
        .build();
    try {
      return Failsafe.with(policy).get(work);
    } catch (FailsafeException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException sql) {
        throw sql;
      }
      if (cause instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw e;
    }
  }

  static boolean isRetriable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return SqlErrorClass.of(sql.getSQLState()) == SqlErrorClass.RETRIABLE;
      }
    }
    return false;
  }

  static String describe(Throwable error) {
    if (error instanceof SQLException sql) {
      return sql.getMessage() + " (SQLState " + sql.getSQLState() + ")";
    }
    if (error instanceof FailsafeException && error.getCause() != null) {
      return describe(error.getCause());
    }
    return error.getMessage() == null ? error.toString() : error.getMessage();
  }
}
