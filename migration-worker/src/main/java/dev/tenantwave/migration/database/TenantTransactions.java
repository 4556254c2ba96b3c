package dev.tenantwave.migration.database;

import dev.tenantwave.migration.tenancy.TenancyModel;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs work in one transaction scoped to one tenant: lock and statement timeouts, {@code app.tenant_id} (which
 * row-level security policies read) and the tenant's schema as search_path, all transaction-local so a pooled
 * connection carries nothing over to the next tenant.
 */
public class TenantTransactions {

  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private final Timeouts timeouts;

  public TenantTransactions(Timeouts timeouts) {
    this.timeouts = timeouts;
  }

  /** Work that also reads what the prelude returned: {@code prelude} is positioned on the scope's own result. */
  @FunctionalInterface
  public interface PreludeWork<T> {
    T apply(Connection connection, PreparedStatement prelude) throws SQLException;
  }

  public <T> T inTransaction(DataSource dataSource, TenantPlacement tenant, Work<T> work) throws SQLException {
    return inTransaction(dataSource, tenant, null, work);
  }

  /**
   * As {@link #inTransaction(DataSource, TenantPlacement, Work)}, running {@code prelude} (parameterless SQL) right
   * after the scope is set, in the same round trip.
   */
  public <T> T inTransaction(DataSource dataSource, TenantPlacement tenant, String prelude, Work<T> work)
      throws SQLException {
    return inTransaction(dataSource, tenant, prelude, List.of(), (connection, results) -> work.apply(connection));
  }

  /**
   * Runs {@code prelude} (statements with {@code ?} markers bound to {@code values}) right after the scope, in the
   * same round trip, and hands its results to the work. Work that decides to keep nothing may roll back itself;
   * the commit after it then has nothing to do.
   */
  public <T> T inTransaction(DataSource dataSource, TenantPlacement tenant, String prelude, List<?> values,
      PreludeWork<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result;
        try (PreparedStatement scoped = scope(connection, tenant.tenantId(), searchPath(tenant), prelude, values)) {
          result = work.apply(connection, scoped);
        }
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    }
  }

  /** Points the current transaction at another tenant of the same database (for POOLED fleet-wide checks). */
  public void scope(Connection connection, String tenantId, String searchPath) throws SQLException {
    scope(connection, tenantId, searchPath, null, List.of()).close();
  }

  private PreparedStatement scope(Connection connection, String tenantId, String searchPath, String prelude,
      List<?> values) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(
        "SELECT set_config('lock_timeout', ?, true), set_config('statement_timeout', ?, true),"
            + " set_config('app.tenant_id', ?, true), set_config('search_path', ?, true)"
            + (prelude == null ? "" : ";\n" + prelude));
    try {
      statement.setString(1, timeouts.lockTimeout().toMillis() + "ms");
      statement.setString(2, timeouts.statementTimeout().toMillis() + "ms");
      statement.setString(3, tenantId);
      statement.setString(4, searchPath);
      for (int i = 0; i < values.size(); i++) {
        statement.setObject(5 + i, values.get(i));
      }
      statement.execute();
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  public static String searchPath(TenantPlacement tenant) {
    return tenant.model() == TenancyModel.SCHEMA ? quote(tenant.schema()) : "public";
  }

  /** Names are validated by TenantPlacement; quoting keeps them literal all the same. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      if (!connection.isClosed()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
