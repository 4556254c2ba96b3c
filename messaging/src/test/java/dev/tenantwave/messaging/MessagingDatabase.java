package dev.tenantwave.messaging;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tenantwave.testsupport.TestInfra;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh database on the test PostgreSQL with the module's tables, created from the canonical scripts. */
final class MessagingDatabase implements AutoCloseable {

  private final String jdbcUrl;
  private final HikariDataSource pool;

  private MessagingDatabase(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
    this.pool = newPool();
  }

  static MessagingDatabase create() throws SQLException {
    MessagingDatabase database = new MessagingDatabase(
        TestInfra.get().postgres().createDatabase(TestInfra.uniqueId("tw_messaging")));
    try (Connection connection = database.pool.getConnection()) {
      MessagingSchema.create(connection);
    }
    return database;
  }

  /** A pool like a service's: a closed connection goes back to it with its session still open. */
  HikariDataSource newPool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(TestInfra.get().postgres().user());
    config.setPassword(TestInfra.get().postgres().password());
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(1);
    return new HikariDataSource(config);
  }

  /** Runs {@code work} in one transaction, then commits it, or rolls it back when {@code commit} is false. */
  void inTransaction(boolean commit, SqlWork work) throws Exception {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        work.run(connection);
      } catch (Exception e) {
        connection.rollback();
        throw e;
      }
      if (commit) {
        connection.commit();
      } else {
        connection.rollback();
      }
    }
  }

  long count(String sql) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  interface SqlWork {
    void run(Connection connection) throws Exception;
  }
}
