package dev.tenantwave.migration.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Counts foreground sessions busy on a database (client backends running a statement or inside a transaction that
 * are not the worker's own), sampled
 * at most every {@code intervalMillis} per database and shared by all the backfills running there.
 */
public class PressureProbe {

  private static final String SQL = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
      + " AND backend_type = 'client backend' AND state IN ('active', 'idle in transaction')"
      + " AND pid <> pg_backend_pid() AND application_name <> '" + ConnectionPools.APPLICATION_NAME + "'";

  private record Sample(long atMillis, int busy) {}

  private final long intervalMillis;
  private final Map<String, Sample> samples = new ConcurrentHashMap<>();

  public PressureProbe(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  public int foregroundBusy(String databaseKey, DataSource dataSource) {
    long now = System.currentTimeMillis();
    Sample sample = samples.get(databaseKey);
    if (sample != null && now - sample.atMillis() < intervalMillis) {
      return sample.busy();
    }
    int busy = measure(dataSource);
    samples.put(databaseKey, new Sample(now, busy));
    return busy;
  }

  private static int measure(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
         PreparedStatement statement = connection.prepareStatement(SQL);
         ResultSet rs = statement.executeQuery()) {
      rs.next();
      int busy = rs.getInt(1);
      connection.commit();
      return busy;
    } catch (SQLException e) {
      return 0; // a probe that cannot look must not stop the backfill; batch latency still throttles
    }
  }
}
