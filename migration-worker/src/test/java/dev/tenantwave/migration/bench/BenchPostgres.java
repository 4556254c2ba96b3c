package dev.tenantwave.migration.bench;

import dev.tenantwave.migration.testing.Pg;
import dev.tenantwave.testsupport.Postgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The benchmarks' PostgreSQL: the server at TW_PG_URL when set, else an embedded PostgreSQL 17 with PostgreSQL's
 * default durability (fsync and synchronous_commit on, unless TW_BENCH_FSYNC / TW_BENCH_SYNCHRONOUS_COMMIT say
 * otherwise) and room for the worker's pools.
 */
final class BenchPostgres {

  private BenchPostgres() {}

  static AutoCloseable start() {
    String url = System.getenv("TW_PG_URL");
    if (url != null) {
      Pg.use(new Postgres(url, envOr("TW_PG_USER", "postgres"), envOr("TW_PG_PASSWORD", "postgres")));
      try {
        printSettings();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return () -> { };
    }
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (profiling()) {
        builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .setServerConfig("pg_stat_statements.track", "all")
            .setServerConfig("track_io_timing", "on")
            .setServerConfig("track_wal_io_timing", "on");
      }
      // TW_BENCH_PG_SETTINGS=name=value,... adds server settings, e.g. to see what autovacuum or checkpoints cost
      for (String setting : envOr("TW_BENCH_PG_SETTINGS", "").split(",")) {
        if (setting.contains("=")) {
          builder.setServerConfig(setting.substring(0, setting.indexOf('=')).trim(),
              setting.substring(setting.indexOf('=') + 1).trim());
        }
      }
      EmbeddedPostgres pg = builder
          // zonky starts PostgreSQL with -F (fsync off) and synchronous_commit=off; the benchmarks run with
          // PostgreSQL's own defaults (both on), as a production server does, unless told otherwise
          .setServerConfig("fsync", envOr("TW_BENCH_FSYNC", "on"))
          .setServerConfig("synchronous_commit", envOr("TW_BENCH_SYNCHRONOUS_COMMIT", "on"))
          .setServerConfig("max_connections", "300")
          .setServerConfig("shared_buffers", "512MB")
          .setServerConfig("max_locks_per_transaction", "1024")
          .setServerConfig("max_wal_size", "4GB")
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
      Pg.use(new Postgres("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", "postgres"));
      printSettings();
      return pg;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the figures were measured with. */
  static void printSettings() throws SQLException {
    try (Connection connection = Pg.connect("postgres"); Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT string_agg(name || '=' || current_setting(name), ', '"
             + " ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method',"
             + " 'full_page_writes', 'shared_buffers', 'max_connections', 'max_wal_size', 'autovacuum')")) {
      rs.next();
      System.out.printf("postgres %s: %s%n", connection.getMetaData().getDatabaseProductVersion(), rs.getString(1));
    }
  }

  /** TW_BENCH_PROFILE=true: pg_stat_statements and WAL timing on, and each contender's server-side profile printed. */
  static boolean profiling() {
    return Boolean.parseBoolean(System.getenv("TW_BENCH_PROFILE"));
  }

  static int intArg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
