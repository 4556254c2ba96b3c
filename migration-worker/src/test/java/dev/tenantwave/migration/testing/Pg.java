package dev.tenantwave.migration.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Real PostgreSQL for the worker's tests, started once per JVM (TW_PG_URL-style external servers are reached
 * through test-support's TestInfra once that module lands; the method names match it).
 */
public final class Pg {

  private static EmbeddedPostgres server;

  private Pg() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            .setServerConfig("max_connections", "300")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .setServerConfig("shared_buffers", "256MB")
            .setServerConfig("max_locks_per_transaction", "256")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
  }

  /** A URL with {database} where the worker's cluster settings put the database name. */
  public static String clusterUrl() {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/{database}";
  }

  public static String user() {
    server();
    return "postgres";
  }

  public static String password() {
    return "postgres";
  }

  public static Connection connect(String database) throws SQLException {
    Connection connection = DriverManager.getConnection(jdbcUrl(database), user(), password());
    connection.setAutoCommit(true);
    return connection;
  }

  public static String createDatabase(String name) {
    try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
      var rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
      if (!rs.next()) {
        statement.execute("CREATE DATABASE " + name);
      }
      return jdbcUrl(name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String uniqueId(String prefix) {
    return prefix + "_" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 8);
  }
}
