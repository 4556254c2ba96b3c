package dev.tenantwave.migration.command;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The worker's own record of commands it has finished ({@code processed_events}). A command is recorded once the
 * broker has acknowledged its final progress; one that was running, or whose answer was still unacknowledged, when
 * the worker stopped is not, so its redelivery resumes it or announces its result again.
 */
public class JdbcInbox {

  private final DataSource dataSource;
  private final String topic;

  public JdbcInbox(DataSource dataSource, String topic) {
    this.dataSource = dataSource;
    this.topic = topic;
  }

  public boolean seen(UUID eventId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
         PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM processed_events WHERE event_id = ?")) {
      statement.setObject(1, eventId);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next();
      }
    }
  }

  public void record(UUID eventId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
         PreparedStatement statement = connection.prepareStatement(
             "INSERT INTO processed_events (event_id, topic) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING")) {
      statement.setObject(1, eventId);
      statement.setString(2, topic);
      statement.executeUpdate();
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    }
  }
}
