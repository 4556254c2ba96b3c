package dev.tenantwave.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit log on a real PostgreSQL: lines in order with their JSON detail, never changed afterwards. */
class AuditLogIT {

  private final AuditLog audit = new AuditLog();
  private MessagingDatabase database;

  @BeforeEach
  void freshDatabase() throws Exception {
    database = MessagingDatabase.create();
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void shouldRecordLinesInOrderWithTheirDetail() throws Exception {
    database.inTransaction(true, c -> audit.record(c, new AuditEntry("ada (admin)", "ABORT", "RELEASE", "rel-42",
        "error budget spent", "{\"wave\": 2, \"failedTenants\": [\"acme-eu\"]}")));
    database.inTransaction(true, c -> audit.recordAll(c, List.of(
        new AuditEntry("otto (operator)", "IMPORT_CREATE", "TENANT", "t-1", null, "{\"after\": {\"id\": \"t-1\"}}"),
        new AuditEntry("otto (operator)", "IMPORT_CREATE", "TENANT", "t-2", null, null),
        new AuditEntry("otto (operator)", "IMPORT_UPDATE", "TENANT", "t-0", null, "{}"))));
    database.inTransaction(false, c -> audit.record(c, new AuditEntry("eve", "DELETE", "TENANT", "t-1", null, null)));

    assertThat(lines()).containsExactly(
        "ada (admin)|ABORT|RELEASE|rel-42|error budget spent|2",
        "otto (operator)|IMPORT_CREATE|TENANT|t-1|null|null",
        "otto (operator)|IMPORT_CREATE|TENANT|t-2|null|null",
        "otto (operator)|IMPORT_UPDATE|TENANT|t-0|null|null");
  }

  @Test
  void shouldRefuseToChangeOrDeleteALine() throws Exception {
    database.inTransaction(true, c -> audit.record(c, new AuditEntry("ada", "CREATE", "CELL", "eu-west-1", null, null)));
    assertThatThrownBy(() -> database.inTransaction(true, c -> {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE audit_log SET actor = 'eve'");
      }
    })).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    assertThatThrownBy(() -> database.inTransaction(true, c -> {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM audit_log");
      }
    })).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    assertThat(database.count("SELECT count(*) FROM audit_log")).isEqualTo(1);
  }

  @Test
  void shouldRefuseADetailThatIsNotJson() {
    assertThatThrownBy(() -> database.inTransaction(true, c -> audit.record(c,
        new AuditEntry("ada", "CREATE", "CELL", "eu-west-1", null, "{not json"))))
        .isInstanceOf(SQLException.class).hasMessageContaining("json");
  }

  private List<String> lines() throws Exception {
    List<String> lines = new ArrayList<>();
    database.inTransaction(true, c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT actor, action, subject_type,"
          + " subject_id, reason, detail->>'wave' FROM audit_log ORDER BY id")) {
        while (rs.next()) {
          lines.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
              + rs.getString(5) + "|" + rs.getString(6));
        }
      }
    });
    return lines;
  }
}
