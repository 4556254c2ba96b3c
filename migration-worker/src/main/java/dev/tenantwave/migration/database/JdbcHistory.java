package dev.tenantwave.migration.database;

import dev.tenantwave.migration.history.PhaseRecord;
import dev.tenantwave.migration.history.PhaseState;
import dev.tenantwave.migration.history.TenantHistory;
import dev.tenantwave.migration.set.Phase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The per-tenant history table, kept next to the tenant's data (its schema, its database, or for POOLED tenants
 * the shared database, one row set per tenant under row-level security), and the per-database history of the
 * DDL that POOLED tenants share. Table names resolve through the transaction's search_path.
 */
public final class JdbcHistory {

  public static final String TABLE = "tenantwave_migration_history";
  public static final String DATABASE_TABLE = "tenantwave_migration_db_history";

  /**
   * Restricts pg_class to the transaction's schema as one probe of its (relname, relnamespace) index, the schema's
   * oid coming from the syscache. A join on pg_namespace (or a subquery on it) is planned from catalog statistics,
   * which in a fleet database whose schemas were created since the last ANALYZE say "a handful of schemas": the
   * plan then scans pg_namespace, per history table of the same name for the join, O(schemas) or O(schemas²) per
   * check.
   */
  static final String IN_CURRENT_SCHEMA = "c.relnamespace = to_regnamespace(quote_ident(current_schema()))::oid";

  /** Whether the table named by the one marker exists in the transaction's schema. */
  public static final String EXISTS_SQL =
      "SELECT EXISTS (SELECT 1 FROM pg_class c WHERE c.relname = ? AND " + IN_CURRENT_SCHEMA + ")";

  private JdbcHistory() {}

  /** Creates the history table if missing; the caller holds the schema's advisory lock. */
  public static void ensure(Connection connection, boolean pooled, String runtimeRole) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(ensureSql(pooled, runtimeRole));
    }
  }

  /**
   * One statement that creates the history table if missing. The check reads pg_class with a fresh snapshot of its
   * own (see {@link #exists}), so a table another session created and committed while this one waited on the
   * advisory lock is seen. The table has a tenant column, so it is bound by row-level security like the tenant's
   * own tables, in every tenancy model: the isolation audit then has nothing to say about it. A table an older worker
   * created without it gets it here, once.
   */
  public static String ensureSql(boolean pooled, String runtimeRole) {
    String rowSecurity = " ALTER TABLE " + TABLE + " ENABLE ROW LEVEL SECURITY;"
        + " ALTER TABLE " + TABLE + " FORCE ROW LEVEL SECURITY;";
    String policy = " CREATE POLICY tenant_isolation ON " + TABLE
        + " USING (tenant_id = current_setting('app.tenant_id', true));";
    StringBuilder ddl = new StringBuilder("CREATE TABLE " + TABLE + " ("
        + " tenant_id text NOT NULL, migration_set text NOT NULL, phase text NOT NULL, checksum text NOT NULL,"
        + " state text NOT NULL, cursor_key bigint, rows_done bigint NOT NULL DEFAULT 0, rows_total bigint,"
        + " attempts int NOT NULL DEFAULT 0, started_at timestamptz NOT NULL DEFAULT now(),"
        + " updated_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz, error text,"
        + " PRIMARY KEY (tenant_id, migration_set, phase));");
    ddl.append(rowSecurity).append(policy);
    if (pooled) {
      ddl.append(" CREATE TABLE IF NOT EXISTS " + DATABASE_TABLE + " (migration_set text NOT NULL,"
          + " phase text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),"
          + " PRIMARY KEY (migration_set, phase));");
      if (runtimeRole != null) {
        ddl.append(" GRANT SELECT, INSERT, UPDATE ON " + TABLE + " TO " + TenantTransactions.quote(runtimeRole) + ";");
      }
    }
    String body = ddl.toString();
    if (body.contains("$tw$")) {
      throw new IllegalArgumentException("runtime role name must not contain $tw$");
    }
    return "DO $tw$ DECLARE forced boolean; BEGIN SELECT c.relrowsecurity AND c.relforcerowsecurity INTO forced"
        + " FROM pg_class c"
        + " WHERE c.relname = '" + TABLE + "' AND " + IN_CURRENT_SCHEMA + "; IF NOT FOUND THEN " + body
        + " ELSIF NOT forced THEN" + rowSecurity + " IF NOT EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = '"
        + TABLE + "'::regclass) THEN" + policy + " END IF; END IF; END $tw$";
  }

  /**
   * Reads pg_class with the statement's snapshot rather than through the relation cache, which can still hold
   * "no such table" after waiting on an advisory lock for the session that just created it.
   */
  public static boolean exists(Connection connection, String table) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(EXISTS_SQL)) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /** A tenant's history of one migration set. Markers: tenant id, migration set. */
  public static final String LOAD_SQL = "SELECT phase, checksum, state, cursor_key, rows_done, rows_total, attempts,"
      + " started_at, finished_at, error FROM " + TABLE + " WHERE tenant_id = ? AND migration_set = ?";

  public static TenantHistory load(Connection connection, String tenantId, String set) throws SQLException {
    if (!exists(connection, TABLE)) {
      return TenantHistory.empty();
    }
    try (PreparedStatement statement = connection.prepareStatement(LOAD_SQL)) {
      statement.setString(1, tenantId);
      statement.setString(2, set);
      try (ResultSet rs = statement.executeQuery()) {
        return read(rs);
      }
    }
  }

  /** The history in the rows of {@link #LOAD_SQL}. */
  public static TenantHistory read(ResultSet rs) throws SQLException {
    List<PhaseRecord> records = new ArrayList<>();
    while (rs.next()) {
      records.add(new PhaseRecord(Phase.valueOf(rs.getString(1)), rs.getString(2),
          PhaseState.valueOf(rs.getString(3)), (Long) rs.getObject(4), rs.getLong(5), (Long) rs.getObject(6),
          rs.getInt(7), rs.getTimestamp(8).toInstant(),
          Optional.ofNullable(rs.getTimestamp(9)).map(Timestamp::toInstant).orElse(null), rs.getString(10)));
    }
    return new TenantHistory(records);
  }

  /** Marks the phase RUNNING; a fresh start (not a resume) clears cursor and counters. */
  public static void start(Connection connection, String tenantId, String set, Phase phase, String checksum,
      Long rowsTotal, boolean fresh) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + TABLE
        + " (tenant_id, migration_set, phase, checksum, state, rows_total, attempts) VALUES (?, ?, ?, ?, 'RUNNING', ?, 1)"
        + " ON CONFLICT (tenant_id, migration_set, phase) DO UPDATE SET checksum = excluded.checksum,"
        + " state = 'RUNNING', rows_total = excluded.rows_total, attempts = " + TABLE + ".attempts + 1,"
        + " updated_at = now(), finished_at = NULL, error = NULL"
        + (fresh ? ", cursor_key = NULL, rows_done = 0, started_at = now()" : ""))) {
      statement.setString(1, tenantId);
      statement.setString(2, set);
      statement.setString(3, phase.name());
      statement.setString(4, checksum);
      statement.setObject(5, rowsTotal);
      statement.executeUpdate();
    }
  }

  /**
   * Records a phase that runs to completion in this transaction: its fresh start and its finish in one statement.
   * Markers: tenant id, migration set, phase, checksum ({@link #succeededValues}).
   */
  public static final String SUCCEEDED_SQL = "INSERT INTO " + TABLE
      + " (tenant_id, migration_set, phase, checksum, state, attempts, finished_at)"
      + " VALUES (?, ?, ?, ?, 'SUCCEEDED', 1, now())"
      + " ON CONFLICT (tenant_id, migration_set, phase) DO UPDATE SET checksum = excluded.checksum,"
      + " state = 'SUCCEEDED', rows_total = NULL, attempts = " + TABLE + ".attempts + 1,"
      + " updated_at = now(), finished_at = now(), error = NULL, cursor_key = NULL, rows_done = 0,"
      + " started_at = now()";

  public static List<Object> succeededValues(String tenantId, String set, Phase phase, String checksum) {
    return List.of(tenantId, set, phase.name(), checksum);
  }

  public static void succeeded(Connection connection, String tenantId, String set, Phase phase, String checksum)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SUCCEEDED_SQL)) {
      List<Object> values = succeededValues(tenantId, set, phase, checksum);
      for (int i = 0; i < values.size(); i++) {
        statement.setObject(i + 1, values.get(i));
      }
      statement.executeUpdate();
    }
  }

  /** Moves the backfill cursor, in the transaction of the batch it covers. */
  public static void advance(Connection connection, String tenantId, String set, long cursor, long rows)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("UPDATE " + TABLE
        + " SET cursor_key = ?, rows_done = rows_done + ?, updated_at = now()"
        + " WHERE tenant_id = ? AND migration_set = ? AND phase = 'MIGRATE'")) {
      statement.setLong(1, cursor);
      statement.setLong(2, rows);
      statement.setString(3, tenantId);
      statement.setString(4, set);
      if (statement.executeUpdate() != 1) {
        throw new SQLException("no MIGRATE history row for tenant " + tenantId + " to advance", "P0002");
      }
    }
  }

  public static void finish(Connection connection, String tenantId, String set, Phase phase, PhaseState state,
      String error) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("UPDATE " + TABLE
        + " SET state = ?, error = ?, finished_at = now(), updated_at = now()"
        + " WHERE tenant_id = ? AND migration_set = ? AND phase = ?")) {
      statement.setString(1, state.name());
      statement.setString(2, error);
      statement.setString(3, tenantId);
      statement.setString(4, set);
      statement.setString(5, phase.name());
      statement.executeUpdate();
    }
  }

  /** The checksum the shared DDL of a phase was applied with in this database, if it was. */
  public static Optional<String> databaseChecksum(Connection connection, String set, Phase phase) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT checksum FROM " + DATABASE_TABLE + " WHERE migration_set = ? AND phase = ?")) {
      statement.setString(1, set);
      statement.setString(2, phase.name());
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  public static void recordDatabase(Connection connection, String set, Phase phase, String checksum)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "INSERT INTO " + DATABASE_TABLE + " (migration_set, phase, checksum) VALUES (?, ?, ?)")) {
      statement.setString(1, set);
      statement.setString(2, phase.name());
      statement.setString(3, checksum);
      statement.executeUpdate();
    }
  }

  public static void forgetDatabase(Connection connection, String set, Phase phase) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "DELETE FROM " + DATABASE_TABLE + " WHERE migration_set = ? AND phase = ?")) {
      statement.setString(1, set);
      statement.setString(2, phase.name());
      statement.executeUpdate();
    }
  }
}
