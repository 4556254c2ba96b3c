package dev.tenantwave.migration.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Checks what PostgreSQL enforces, not what the application promises: every table with a tenant column has
 * row-level security enabled and forced and at least one policy, and no login role can skip it (superusers and
 * BYPASSRLS roles). Such a role may be right for migrations and wrong for the runtime; the audit lists it either way.
 */
public final class IsolationAudit {

  private static final String TABLES = "SELECT n.nspname || '.' || c.relname, c.relrowsecurity, c.relforcerowsecurity,"
      + " (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)"
      + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
      + " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
      + " AND n.nspname NOT LIKE 'pg\\_%'"
      + " AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = ?"
      + " AND a.attnum > 0 AND NOT a.attisdropped)"
      + " ORDER BY 1";

  private static final String ROLES = "SELECT rolname, rolsuper, rolbypassrls FROM pg_roles"
      + " WHERE rolcanlogin AND (rolsuper OR rolbypassrls) ORDER BY rolname";

  private IsolationAudit() {}

  public static List<Finding> audit(DataSource dataSource, String tenantColumn) throws SQLException {
    List<Finding> findings = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement statement = connection.prepareStatement(TABLES)) {
        statement.setString(1, tenantColumn);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            String table = rs.getString(1);
            if (!rs.getBoolean(2)) {
              findings.add(new Finding(Finding.Kind.RLS_DISABLED, table, "has " + tenantColumn
                  + " but row-level security is disabled: ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY"));
            } else if (!rs.getBoolean(3)) {
              findings.add(new Finding(Finding.Kind.RLS_NOT_FORCED, table, "row-level security is not forced, so the"
                  + " table owner bypasses it: ALTER TABLE " + table + " FORCE ROW LEVEL SECURITY"));
            }
            if (rs.getLong(4) == 0) {
              findings.add(new Finding(Finding.Kind.NO_POLICY, table, "has no row-level security policy"));
            }
          }
        }
      }
      try (PreparedStatement statement = connection.prepareStatement(ROLES); ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          findings.add(new Finding(Finding.Kind.ROLE_BYPASSES_RLS, rs.getString(1), (rs.getBoolean(2)
              ? "is a superuser" : "has BYPASSRLS") + " and can log in: keep it for migrations and administration,"
              + " never for the application runtime"));
        }
      }
      connection.rollback();
    }
    return findings;
  }
}
