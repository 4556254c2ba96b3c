package dev.tenantwave.migration.bench;

import dev.tenantwave.migration.testing.Pg;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where a contender's time went on the server (with {@code TW_BENCH_PROFILE=true}): pg_stat_statements' top
 * statements by total time, calls, and the WAL written and flushed, reset before each contender.
 */
final class ServerProfile {

  private final String database;

  private ServerProfile(String database) {
    this.database = database;
  }

  static ServerProfile start(String database) throws SQLException {
    ServerProfile profile = new ServerProfile(database);
    if (BenchPostgres.profiling()) {
      try (Connection connection = Pg.connect(database); Statement statement = connection.createStatement()) {
        statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        statement.execute("SELECT pg_stat_statements_reset(), pg_stat_reset_shared('wal'),"
            + " pg_stat_reset_shared('io')");
      }
    }
    return profile;
  }

  void print(String label, int tenants) throws SQLException {
    if (!BenchPostgres.profiling()) {
      return;
    }
    try (Connection connection = Pg.connect(database); Statement statement = connection.createStatement()) {
      System.out.printf("--- server profile: %s (%d tenants) ---%n", label, tenants);
      try (ResultSet rs = statement.executeQuery("SELECT sum(calls), sum(total_exec_time),"
          + " sum(total_plan_time) FROM pg_stat_statements")) {
        rs.next();
        System.out.printf("statements: %.1f calls/tenant, exec %.2f ms/tenant, plan %.2f ms/tenant%n",
            rs.getDouble(1) / tenants, rs.getDouble(2) / tenants, rs.getDouble(3) / tenants);
      }
      try (ResultSet rs = statement.executeQuery("SELECT wal_records, wal_bytes, wal_write, wal_sync,"
          + " wal_write_time, wal_sync_time FROM pg_stat_wal")) {
        rs.next();
        System.out.printf("wal: %.1f records/tenant, %.0f bytes/tenant, %.2f writes/tenant, %.2f syncs/tenant,"
                + " sync %.2f ms/tenant, write %.2f ms/tenant%n", rs.getDouble(1) / tenants,
            rs.getDouble(2) / tenants, rs.getDouble(3) / tenants, rs.getDouble(4) / tenants,
            rs.getDouble(6) / tenants, rs.getDouble(5) / tenants);
      }
      try (ResultSet rs = statement.executeQuery("SELECT calls, round(total_exec_time::numeric, 1),"
          + " round((total_exec_time / calls)::numeric, 3), left(regexp_replace(query, '\\s+', ' ', 'g'), 110)"
          + " FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15")) {
        while (rs.next()) {
          System.out.printf("%8d %10s ms %8s ms/call  %s%n", rs.getLong(1), rs.getString(2), rs.getString(3),
              rs.getString(4));
        }
      }
    }
  }
}
