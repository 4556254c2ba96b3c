package dev.tenantwave.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables this module reads and writes, as canonical DDL in {@code db/messaging/}. A service owns its schema
 * history, so it creates these tables with its own Flyway migrations, copied from these scripts; a service test
 * compares what its migrations built with {@link #describe} (see the module's README).
 */
public final class MessagingSchema {

  /** Classpath resources, in the order to run them. */
  public static final List<String> SCRIPTS =
      List.of("db/messaging/inbox.sql", "db/messaging/outbox.sql", "db/messaging/audit_log.sql");
  private static final String TABLES = "('processed_events', 'outbox', 'audit_log')";

  private MessagingSchema() {}

  /** Runs the canonical scripts: for tests and tools; services use their Flyway migrations. */
  public static void create(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String script : SCRIPTS) {
        statement.execute(script(script));
      }
    }
  }

  /** A script's text. */
  public static String script(String resource) {
    try (InputStream in = MessagingSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The columns, indexes and triggers of the module's tables in the connection's current schema, one line each in
   * a stable order: two databases whose descriptions are equal have the same messaging tables.
   */
  public static List<String> describe(Connection connection) throws SQLException {
    List<String> lines = new ArrayList<>();
    collect(connection, lines, "SELECT table_name, column_name, data_type, is_nullable, column_default"
        + " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name IN " + TABLES
        + " ORDER BY table_name, column_name");
    collect(connection, lines, "SELECT tablename, indexname, indexdef FROM pg_indexes"
        + " WHERE schemaname = current_schema() AND tablename IN " + TABLES + " ORDER BY tablename, indexname");
    collect(connection, lines, "SELECT event_object_table, trigger_name, action_timing, event_manipulation,"
        + " action_orientation, action_statement FROM information_schema.triggers"
        + " WHERE trigger_schema = current_schema() AND event_object_table IN " + TABLES
        + " ORDER BY event_object_table, trigger_name, event_manipulation");
    return lines;
  }

  private static void collect(Connection connection, List<String> lines, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          line.append(i == 1 ? "" : " | ").append(rs.getString(i));
        }
        lines.add(line.toString());
      }
    }
  }
}
