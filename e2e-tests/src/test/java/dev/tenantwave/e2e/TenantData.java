package dev.tenantwave.e2e;
import dev.tenantwave.demo.fleet.Fleet;
import dev.tenantwave.testsupport.CrmDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a tenant's own database says, read as its superuser: the migration history the worker keeps next to the data
 * (its schema, its database, or the shared POOLED database) and the shape of its tables.
 */
final class TenantData {

  /** One row of {@code tenantwave_migration_history}. */
  record PhaseRow(String state, int attempts, long rowsDone) {}

  private final CrmDatabases crm;

  TenantData(CrmDatabases crm) {
    this.crm = crm;
  }

  /** The tenant's history of the migration set, by phase. */
  Map<String, PhaseRow> history(Fleet.Tenant tenant, String migrationSet) {
    try (Connection connection = crm.connect(tenant.database(), tenant.schema());
         PreparedStatement query = connection.prepareStatement("SELECT phase, state, attempts, rows_done"
             + " FROM tenantwave_migration_history WHERE tenant_id = ? AND migration_set = ? ORDER BY started_at")) {
      query.setString(1, tenant.id());
      query.setString(2, migrationSet);
      Map<String, PhaseRow> rows = new LinkedHashMap<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(1), new PhaseRow(rs.getString(2), rs.getInt(3), rs.getLong(4)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the migration history of " + tenant.id(), e);
    }
  }

  /**
   * Every tenant's history of the migration set in one database, or one schema of it (null for none), by tenant and
   * phase: one query for a POOLED database's hundreds of tenants.
   */
  Map<String, Map<String, PhaseRow>> histories(String database, String schema, String migrationSet) {
    Map<String, Map<String, PhaseRow>> rows = new HashMap<>();
    perTenant(database, schema, "SELECT tenant_id, phase, state, attempts, rows_done"
        + " FROM tenantwave_migration_history WHERE migration_set = '" + migrationSet + "' ORDER BY started_at",
        rs -> rows.computeIfAbsent(rs.getString(1), t -> new LinkedHashMap<>())
            .put(rs.getString(2), new PhaseRow(rs.getString(3), rs.getInt(4), rs.getLong(5))));
    return rows;
  }

  /** Per tenant, the first column after {@code tenant_id} of {@code sql}'s rows (a count grouped by tenant). */
  Map<String, Long> countsByTenant(String database, String schema, String sql) {
    Map<String, Long> counts = new HashMap<>();
    perTenant(database, schema, sql, rs -> counts.put(rs.getString(1), rs.getLong(2)));
    return counts;
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private void perTenant(String database, String schema, String sql, RowReader reader) {
    try (Connection connection = crm.connect(database, schema);
         PreparedStatement query = connection.prepareStatement(sql);
         ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        reader.read(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not query " + database + (schema == null ? "" : "." + schema)
          + ": " + sql, e);
    }
  }

  /** The phases the database itself recorded for shared (POOLED) DDL, e.g. EXPAND and CONTRACT. */
  Map<String, String> sharedHistory(String database, String migrationSet) {
    try (Connection connection = crm.connect(database);
         PreparedStatement query = connection.prepareStatement("SELECT phase, checksum"
             + " FROM tenantwave_migration_db_history WHERE migration_set = ?")) {
      query.setString(1, migrationSet);
      Map<String, String> rows = new LinkedHashMap<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(1), rs.getString(2));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the shared migration history of " + database, e);
    }
  }

  boolean hasTable(Fleet.Tenant tenant, String table) {
    return count(tenant, "SELECT count(*) FROM pg_class WHERE oid = to_regclass('" + table + "')") == 1;
  }

  boolean hasColumn(Fleet.Tenant tenant, String table, String column) {
    return count(tenant, "SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass('" + table + "')"
        + " AND attname = '" + column + "' AND NOT attisdropped") == 1;
  }

  /** A count in the tenant's schema or database; {@code :tenant} is its id. */
  long count(Fleet.Tenant tenant, String sql) {
    return crm.scalar(tenant.database(), tenant.schema(), tenant.id(), sql);
  }
}
