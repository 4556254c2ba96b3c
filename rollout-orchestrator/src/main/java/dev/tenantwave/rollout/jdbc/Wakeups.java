package dev.tenantwave.rollout.jdbc;

import dev.tenantwave.rollout.tenant.MigrationStep;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code wakeups} table: scheduled in the transaction that decides them, taken once when due. */
public final class Wakeups {

  static final String CHANNEL = "wakeups_scheduled";

  private Wakeups() {}

  static void schedule(Connection connection, List<Wakeup> wakeups) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO wakeups (release_id, tenant_id, kind, step, attempt, due_at) VALUES (?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (release_id, tenant_id, kind) DO UPDATE SET step = excluded.step, "
            + "attempt = excluded.attempt, due_at = excluded.due_at")) {
      for (Wakeup w : wakeups) {
        ps.setString(1, w.releaseId());
        ps.setString(2, w.tenantId());
        ps.setString(3, w.kind().name());
        ps.setString(4, w.step() == null ? null : w.step().name());
        ps.setInt(5, w.attempt());
        ps.setTimestamp(6, Timestamp.from(w.dueAt()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("NOTIFY " + CHANNEL);
    }
  }

  /**
   * Moves the answer deadline of commands the worker is still working on: progress that is not final shows it is
   * alive, so only silence for a whole timeout sends a command again.
   */
  public static void extendDeadlines(Connection connection, List<Wakeup> alive) throws SQLException {
    if (alive.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement("UPDATE wakeups SET due_at = greatest(due_at, ?) "
        + "WHERE release_id = ? AND tenant_id = ? AND kind = 'COMMAND_TIMEOUT' AND step = ? AND attempt = ?")) {
      for (Wakeup w : alive) {
        ps.setTimestamp(1, Timestamp.from(w.dueAt()));
        ps.setString(2, w.releaseId());
        ps.setString(3, w.tenantId());
        ps.setString(4, w.step().name());
        ps.setInt(5, w.attempt());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Removes and returns up to {@code limit} due wake-ups; rows another instance is taking are skipped. */
  public static List<Wakeup> takeDue(Connection connection, int limit) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("DELETE FROM wakeups WHERE id IN (SELECT id FROM wakeups "
        + "WHERE due_at <= now() ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED) "
        + "RETURNING release_id, tenant_id, kind, step, attempt, due_at")) {
      ps.setInt(1, limit);
      List<Wakeup> due = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String step = rs.getString(4);
          due.add(new Wakeup(rs.getString(1), rs.getString(2), Wakeup.Kind.valueOf(rs.getString(3)),
              step == null ? null : MigrationStep.valueOf(step), rs.getInt(5), rs.getTimestamp(6).toInstant()));
        }
      }
      return due;
    }
  }

  /** When the next wake-up is due, if any. */
  public static Optional<java.time.Instant> nextDue(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT min(due_at) FROM wakeups")) {
      rs.next();
      Timestamp next = rs.getTimestamp(1);
      return Optional.ofNullable(next).map(Timestamp::toInstant);
    }
  }
}
