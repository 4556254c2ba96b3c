package dev.tenantwave.migration.database;

import dev.tenantwave.migration.set.Script;
import dev.tenantwave.migration.set.SqlStatements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Runs a script's statements in the caller's transaction, binding {@code :name} parameters. */
public final class ScriptExecutor {

  private static final Map<String, List<SqlStatements.Prepared>> PREPARED = new ConcurrentHashMap<>();

  private ScriptExecutor() {}

  public static long execute(Connection connection, Script script, Map<String, Object> parameters)
      throws SQLException {
    long updated = 0;
    for (SqlStatements.Prepared prepared : prepared(script)) {
      try (PreparedStatement statement = bind(connection, script, prepared, parameters)) {
        statement.execute();
        int count = statement.getUpdateCount();
        updated += Math.max(0, count);
      }
    }
    return updated;
  }

  /** Runs a query script and returns the first column of at most {@code limit} rows. */
  public static List<String> query(Connection connection, Script script, Map<String, Object> parameters, int limit)
      throws SQLException {
    List<String> rows = new ArrayList<>();
    for (SqlStatements.Prepared prepared : prepared(script)) {
      try (PreparedStatement statement = bind(connection, script, prepared, parameters)) {
        if (statement.execute()) {
          try (ResultSet rs = statement.getResultSet()) {
            while (rs.next() && rows.size() < limit) {
              rows.add(String.valueOf(rs.getObject(1)));
            }
          }
        }
      }
    }
    return rows;
  }

  private static List<SqlStatements.Prepared> prepared(Script script) {
    return PREPARED.computeIfAbsent(script.checksum(),
        key -> script.statements().stream().map(SqlStatements::prepare).toList());
  }

  private static PreparedStatement bind(Connection connection, Script script, SqlStatements.Prepared prepared,
      Map<String, Object> parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(prepared.jdbcSql());
    try {
      for (int i = 0; i < prepared.parameters().size(); i++) {
        String name = prepared.parameters().get(i);
        if (!parameters.containsKey(name)) {
          throw new SQLException(script.name() + " uses :" + name + " but the worker binds only "
              + parameters.keySet(), "42P02");
        }
        statement.setObject(i + 1, parameters.get(name));
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
