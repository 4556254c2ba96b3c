package dev.tenantwave.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes audit lines ({@code audit_log}) in the caller's transaction, so a change and its audit line commit together
 * or not at all. The table refuses updates and deletes. A {@code detailJson} that is not JSON fails the statement.
 */
public final class AuditLog {

  public AuditLog() {}

  public void record(Connection connection, AuditEntry entry) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log"
        + " (actor, action, subject_type, subject_id, reason, detail) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
      insert.setString(1, entry.actor());
      insert.setString(2, entry.action());
      insert.setString(3, entry.subjectType());
      insert.setString(4, entry.subjectId());
      insert.setString(5, entry.reason());
      insert.setString(6, entry.detailJson());
      insert.executeUpdate();
    }
  }

  /** One statement for any number of lines (a bulk import's), ids in the list's order. */
  public void recordAll(Connection connection, List<AuditEntry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    int n = entries.size();
    String[][] columns = new String[6][n];
    for (int i = 0; i < n; i++) {
      AuditEntry e = entries.get(i);
      columns[0][i] = e.actor();
      columns[1][i] = e.action();
      columns[2][i] = e.subjectType();
      columns[3][i] = e.subjectId();
      columns[4][i] = e.reason();
      columns[5][i] = e.detailJson();
    }
    try (PreparedStatement insert = connection.prepareStatement("""
        INSERT INTO audit_log (actor, action, subject_type, subject_id, reason, detail)
        SELECT a, x, t, s, r, d::jsonb
        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
            WITH ORDINALITY AS u(a, x, t, s, r, d, n)
        ORDER BY n""")) {
      for (int c = 0; c < columns.length; c++) {
        insert.setArray(c + 1, connection.createArrayOf("text", columns[c]));
      }
      insert.executeUpdate();
    }
  }
}
