package dev.tenantwave.migration.testing;

import dev.tenantwave.testsupport.Postgres;
import dev.tenantwave.testsupport.TestInfra;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL the worker's tests and benchmarks run on: test-support's (started once per JVM, or external via
 * TW_PG_URL), unless {@link #use} pointed it at another server first.
 */
public final class Pg {

  private static Postgres server;

  private Pg() {}

  public static synchronized void use(Postgres postgres) {
    server = postgres;
  }

  public static synchronized Postgres server() {
    if (server == null) {
      server = TestInfra.get().postgres();
    }
    return server;
  }

  public static String jdbcUrl(String database) {
    return server().jdbcUrl(database);
  }

  /** A URL with {database} where the worker's cluster settings put the database name. */
  public static String clusterUrl() {
    return server().jdbcUrl("{database}");
  }

  public static String user() {
    return server().user();
  }

  public static String password() {
    return server().password();
  }

  public static Connection connect(String database) throws SQLException {
    Connection connection = DriverManager.getConnection(jdbcUrl(database), user(), password());
    connection.setAutoCommit(true);
    return connection;
  }

  public static String createDatabase(String name) {
    return server().createDatabase(name);
  }

  public static String uniqueId(String prefix) {
    return TestInfra.uniqueId(prefix);
  }
}
