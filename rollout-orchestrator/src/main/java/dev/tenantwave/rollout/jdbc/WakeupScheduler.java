package dev.tenantwave.rollout.jdbc;

import dev.tenantwave.rollout.Orchestrator;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sleeps until the next wake-up is due, or until any instance schedules one (LISTEN/NOTIFY), then applies the due
 * ones. It never scans tenants: the {@code wakeups} table holds exactly what must happen, ordered by time.
 */
public final class WakeupScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WakeupScheduler.class);
  private static final int BATCH = 500;
  /** Wake-ups scheduled while the LISTEN connection was being re-opened are found by this at the latest. */
  private static final Duration LONGEST_SLEEP = Duration.ofSeconds(30);

  private final DataSource dataSource;
  private final Orchestrator orchestrator;
  private final Thread thread = new Thread(this::run, "rollout-wakeups");
  private volatile boolean running = true;

  public WakeupScheduler(DataSource dataSource, Orchestrator orchestrator) {
    this.dataSource = dataSource;
    this.orchestrator = orchestrator;
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    Duration backoff = Duration.ofMillis(200);
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + Wakeups.CHANNEL);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          if (orchestrator.wakeDue(BATCH) == BATCH) {
            continue;
          }
          Instant next = Wakeups.nextDue(connection).orElse(Instant.now().plus(LONGEST_SLEEP));
          long millis = Math.min(LONGEST_SLEEP.toMillis(), Duration.between(Instant.now(), next).toMillis());
          if (millis > 0) {
            pg.getNotifications((int) Math.max(1, millis));
          }
          backoff = Duration.ofMillis(200);
        }
      } catch (Exception e) {
        if (!running) {
          return;
        }
        LOG.warn("wake-ups: {}; retrying in {} ms", e.toString(), backoff.toMillis());
        try {
          Thread.sleep(backoff.toMillis()); // backoff after a database failure, not a wait for a condition
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
  }
}
