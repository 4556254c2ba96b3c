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

/** Runs a script's statements in the caller's transaction in one round trip, binding {@code :name} parameters. */
public final class ScriptExecutor {

  private static final Map<String, SqlStatements.Prepared> PREPARED = new ConcurrentHashMap<>();

  private ScriptExecutor() {}

  public static long execute(Connection connection, Script script, Map<String, Object> parameters)
      throws SQLException {
    long updated = 0;
    SqlStatements.Prepared combined = combined(script);
    if (combined.jdbcSql().isEmpty()) {
      return 0;
    }
    try (PreparedStatement statement = bind(connection, script, combined, parameters)) {
      boolean isResult = statement.execute();
      while (true) {
        if (!isResult) {
          int count = statement.getUpdateCount();
          if (count == -1) {
            break;
          }
          updated += count;
        }
        isResult = statement.getMoreResults();
      }
    }
    return updated;
  }

  /**
   * Runs {@code script}, then {@code trailerSql} (one statement with {@code ?} markers bound to
   * {@code trailerValues}, e.g. the history row), then the query script {@code query}, all in one round trip, and returns the first column of at most {@code limit} rows
   * of the query's results. The driver reports one result per statement, in order, so the query's results are the
   * last ones.
   */
  public static List<String> executeThenQuery(Connection connection, Script script, Map<String, Object> parameters,
      String trailerSql, List<?> trailerValues, Script query, Map<String, Object> queryParameters, int limit)
      throws SQLException {
    SqlStatements.Prepared first = combined(script);
    SqlStatements.Prepared last = combined(query);
    int queryResults = query.statements().size();
    StringBuilder sql = new StringBuilder(first.jdbcSql());
    for (String part : new String[] {trailerSql, last.jdbcSql()}) {
      sql.append(sql.isEmpty() || part.isEmpty() ? "" : "\n;\n").append(part);
    }
    List<String> names = new ArrayList<>(first.parameters());
    trailerValues.forEach(value -> names.add(null));
    names.addAll(last.parameters());
    List<List<String>> results = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      int marker = 1;
      int trailerIndex = 0;
      for (int i = 0; i < names.size(); i++, marker++) {
        String name = names.get(i);
        if (name == null) {
          statement.setObject(marker, trailerValues.get(trailerIndex++));
        } else {
          Map<String, Object> values = i < first.parameters().size() ? parameters : queryParameters;
          Script owner = i < first.parameters().size() ? script : query;
          statement.setObject(marker, value(owner, values, name));
        }
      }
      boolean isResult = statement.execute();
      while (isResult || statement.getUpdateCount() != -1) {
        List<String> rows = new ArrayList<>();
        if (isResult) {
          try (ResultSet rs = statement.getResultSet()) {
            while (rs.next() && rows.size() < limit) {
              rows.add(String.valueOf(rs.getObject(1)));
            }
          }
        }
        results.add(rows);
        isResult = statement.getMoreResults();
      }
    }
    List<String> rows = new ArrayList<>();
    for (List<String> result : results.subList(Math.max(0, results.size() - queryResults), results.size())) {
      rows.addAll(result);
    }
    return rows.size() > limit ? rows.subList(0, limit) : rows;
  }

  /** Runs a query script and returns the first column of at most {@code limit} rows. */
  public static List<String> query(Connection connection, Script script, Map<String, Object> parameters, int limit)
      throws SQLException {
    List<String> rows = new ArrayList<>();
    SqlStatements.Prepared combined = combined(script);
    if (combined.jdbcSql().isEmpty()) {
      return rows;
    }
    try (PreparedStatement statement = bind(connection, script, combined, parameters)) {
      boolean isResult = statement.execute();
      while (isResult || statement.getUpdateCount() != -1) {
        if (isResult) {
          try (ResultSet rs = statement.getResultSet()) {
            while (rs.next() && rows.size() < limit) {
              rows.add(String.valueOf(rs.getObject(1)));
            }
          }
        }
        isResult = statement.getMoreResults();
      }
    }
    return rows;
  }

  /**
   * The script's statements as one multi-statement JDBC statement: the driver sends them in one round trip (one
   * Sync), runs them in order in the caller's transaction and stops at the first error. Joined on a line of its
   * own so that a trailing line comment cannot swallow the separator.
   */
  private static SqlStatements.Prepared combined(Script script) {
    return PREPARED.computeIfAbsent(script.checksum(), key -> {
      List<SqlStatements.Prepared> statements = script.statements().stream().map(SqlStatements::prepare).toList();
      StringBuilder sql = new StringBuilder();
      List<String> names = new ArrayList<>();
      for (SqlStatements.Prepared statement : statements) {
        sql.append(sql.isEmpty() ? "" : "\n;\n").append(statement.jdbcSql());
        names.addAll(statement.parameters());
      }
      return new SqlStatements.Prepared(sql.toString(), List.copyOf(names));
    });
  }

  private static Object value(Script script, Map<String, Object> parameters, String name) throws SQLException {
    if (!parameters.containsKey(name)) {
      throw new SQLException(script.name() + " uses :" + name + " but the worker binds only " + parameters.keySet(),
          "42P02");
    }
    return parameters.get(name);
  }

  private static PreparedStatement bind(Connection connection, Script script, SqlStatements.Prepared prepared,
      Map<String, Object> parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(prepared.jdbcSql());
    try {
      for (int i = 0; i < prepared.parameters().size(); i++) {
        statement.setObject(i + 1, value(script, parameters, prepared.parameters().get(i)));
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
