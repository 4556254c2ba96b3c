package dev.tenantwave.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Appends events to the {@code outbox} table in the caller's transaction, so a state change and the events that
 * report it commit together or not at all. {@link OutboxRelay} publishes them in id order; a writer that locks the
 * entity it changes (as the catalog locks a tenant's row) makes id order that entity's commit order.
 */
public final class Outbox {

  /**
   * One statement for any number of rows: ids follow the list's order ({@code WITH ORDINALITY}), and the NOTIFY
   * that wakes the relay rides in the same round trip. PostgreSQL delivers it at commit and drops it on rollback.
   */
  private static final String APPEND = """
      WITH appended AS (
        INSERT INTO outbox (topic, message_key, payload)
        SELECT t, k, p FROM unnest(?::text[], ?::text[], ?::bytea[]) WITH ORDINALITY AS u(t, k, p, n) ORDER BY n
        RETURNING 1)
      SELECT pg_notify('%s', '') FROM (SELECT 1 FROM appended LIMIT 1) AS any_row""".formatted(OutboxRelay.CHANNEL);

  public Outbox() {}

  /**
   * Appends {@code messages} in order. A message for a topic outside the contract, or whose value is not that
   * topic's type, is refused with an {@link IllegalArgumentException} before anything is written.
   */
  public void append(Connection connection, List<OutboxMessage> messages) throws SQLException {
    if (messages.isEmpty()) {
      return;
    }
    int n = messages.size();
    String[] topics = new String[n];
    String[] keys = new String[n];
    byte[][] payloads = new byte[n][];
    for (int i = 0; i < n; i++) {
      OutboxMessage message = messages.get(i);
      topics[i] = OutboxPayload.topicOf(message).name();
      keys[i] = message.key();
      payloads[i] = OutboxPayload.encode(message.value());
    }
    try (PreparedStatement statement = connection.prepareStatement(APPEND)) {
      statement.setArray(1, connection.createArrayOf("text", topics));
      statement.setArray(2, connection.createArrayOf("text", keys));
      statement.setArray(3, connection.createArrayOf("bytea", payloads));
      statement.execute();
    }
  }
}
