package dev.tenantwave.migration.database;

import dev.tenantwave.migration.backfill.Throttle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The heartbeat of a database, at most every {@code intervalMillis} and shared by all the backfills running there:
 * one tiny synchronous write transaction (it takes a transaction id, so its commit writes a commit record and waits
 * for the WAL flush, as a foreground commit does) that also counts the foreground sessions (client backends that
 * are not the worker's) active or active within the last second, and those waiting on a lock. Its latency, from
 * here, includes the flush queue and the CPU the backfill takes.
 */
public class PressureProbe {

  private static final String SQL = "SELECT count(*) FILTER (WHERE state <> 'idle'"
      + " OR state_change > clock_timestamp() - interval '1 second'),"
      + " count(*) FILTER (WHERE wait_event_type = 'Lock'), pg_current_xact_id()"
      + " FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'"
      + " AND pid <> pg_backend_pid() AND application_name <> '" + ConnectionPools.APPLICATION_NAME + "'";

  private final long intervalMillis;
  private final Map<String, Long> lastAt = new ConcurrentHashMap<>();

  public PressureProbe(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  /** A fresh heartbeat if this database's last one is older than the interval (one caller takes it), else empty. */
  public Optional<Throttle.Signals> beat(String databaseKey, DataSource dataSource) {
    long now = System.currentTimeMillis();
    Long last = lastAt.get(databaseKey);
    boolean mine = last == null ? lastAt.putIfAbsent(databaseKey, now) == null
        : now - last >= intervalMillis && lastAt.replace(databaseKey, last, now);
    return mine ? measure(dataSource) : Optional.empty();
  }

  private static Optional<Throttle.Signals> measure(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      long start = System.nanoTime();
      int active;
      int waiting;
      try (PreparedStatement statement = connection.prepareStatement(SQL);
           ResultSet rs = statement.executeQuery()) {
        rs.next();
        active = rs.getInt(1);
        waiting = rs.getInt(2);
      }
      connection.commit();
      return Optional.of(new Throttle.Signals(active, waiting, (System.nanoTime() - start) / 1e6));
    } catch (SQLException e) {
      return Optional.empty(); // a probe that cannot look must not stop the backfill: the duty stays as it was
    }
  }
}
