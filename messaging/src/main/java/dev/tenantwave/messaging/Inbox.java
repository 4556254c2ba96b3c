package dev.tenantwave.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The processed-events log ({@code processed_events}): a consumer claims an event's id in the same transaction as
 * the event's effect. A redelivered or replayed event finds its id claimed and changes nothing; a claim whose
 * transaction rolls back is gone with it, so the event is processed again. Two transactions claiming one id at once
 * are serialized by the primary key: the second waits, then sees the first's outcome.
 */
public final class Inbox {

  public Inbox() {}

  /** True when the event was not processed before and is now claimed; false when it already was. */
  public boolean claim(Connection connection, UUID eventId, String topic) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO processed_events (event_id, topic) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING")) {
      insert.setObject(1, eventId);
      insert.setString(2, topic);
      return insert.executeUpdate() == 1;
    }
  }

  /** The ids that were not processed before (and are now claimed), in one round trip for a whole poll. */
  public Set<UUID> claimAll(Connection connection, Collection<UUID> eventIds, String topic) throws SQLException {
    Set<UUID> claimed = new HashSet<>();
    if (eventIds.isEmpty()) {
      return claimed;
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO processed_events (event_id, topic) SELECT e, ? FROM unnest(?::uuid[]) AS u(e)"
            + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id")) {
      insert.setString(1, topic);
      insert.setArray(2, connection.createArrayOf("uuid", eventIds.toArray()));
      try (ResultSet rs = insert.executeQuery()) {
        while (rs.next()) {
          claimed.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return claimed;
  }
}
