package dev.tenantwave.rollout.jdbc;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.tenantwave.messaging.Outbox;
import dev.tenantwave.rollout.plan.ReleasePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Runs work on releases in one transaction each: the store's reads, writes and outbox rows commit together or not
 * at all. A deadlock or serialization failure (two instances on the same releases) is retried.
 */
public final class ReleaseTransactions {

  /** Work inside a transaction. */
  public interface Work<T> {
    T run(Connection connection, JdbcReleaseStore store) throws SQLException;
  }

  private final DataSource dataSource;
  private final Function<String, ReleasePlan> plans;
  private final Outbox outbox;
  private final EventSequence sequence;
  private final Clock clock;
  private final Duration commandTimeout;
  private final RetryPolicy<Object> retry = RetryPolicy.builder()
      .handleIf(e -> sqlState(e).map(s -> s.equals("40001") || s.equals("40P01")).orElse(false))
      .withBackoff(Duration.ofMillis(10), Duration.ofMillis(500))
      .withMaxRetries(10)
      .build();

  public ReleaseTransactions(DataSource dataSource, Function<String, ReleasePlan> plans, Outbox outbox,
      EventSequence sequence, Clock clock, Duration commandTimeout) {
    this.dataSource = dataSource;
    this.plans = plans;
    this.outbox = outbox;
    this.sequence = sequence;
    this.clock = clock;
    this.commandTimeout = commandTimeout;
  }

  /** How long a migration command's answer may take while the worker is silent. */
  public Duration commandTimeout() {
    return commandTimeout;
  }

  public <T> T inTransaction(Work<T> work) {
    return Failsafe.with(retry).get(() -> {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try {
          JdbcReleaseStore store = new JdbcReleaseStore(connection, plans, outbox, sequence, clock, commandTimeout);
          T result = work.run(connection, store);
          store.flush();
          connection.commit();
          return result;
        } catch (Throwable e) {
          connection.rollback();
          throw e;
        }
      }
    });
  }

  private static java.util.Optional<String> sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return java.util.Optional.of(sql.getSQLState());
      }
    }
    return java.util.Optional.empty();
  }
}
