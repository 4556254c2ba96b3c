package dev.tenantwave.testsupport;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL server is, how to log in as a user that may create databases, and the passwords of the
 * service logins the server was set up with (none for a server this code did not set up).
 */
public final class Postgres {

  private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final String adminJdbcUrl;
  private final String user;
  private final String password;
  private final Map<String, String> logins;

  public Postgres(String adminJdbcUrl, String user, String password) {
    this(adminJdbcUrl, user, password, Map.of());
  }

  public Postgres(String adminJdbcUrl, String user, String password, Map<String, String> logins) {
    if (!JDBC_URL.matcher(adminJdbcUrl).matches()) {
      throw new IllegalArgumentException("Not a PostgreSQL JDBC URL with a database: " + adminJdbcUrl
          + " (expected jdbc:postgresql://host:port/database)");
    }
    this.adminJdbcUrl = adminJdbcUrl;
    this.user = user;
    this.password = password;
    this.logins = Map.copyOf(logins);
  }

  /** The password of a login the stack created ({@link LocalPostgres}), if it created it. */
  public Optional<String> loginPassword(String login) {
    return Optional.ofNullable(logins.get(login));
  }

  public String adminJdbcUrl() {
    return adminJdbcUrl;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** The JDBC URL of another database on the same server. */
  public String jdbcUrl(String database) {
    Matcher matcher = JDBC_URL.matcher(adminJdbcUrl);
    matcher.matches();
    return matcher.group(1) + database + (matcher.group(3) == null ? "" : matcher.group(3));
  }

  /** Creates the database unless it exists and returns its JDBC URL. */
  public String createDatabase(String name) {
    return createDatabase(name, null);
  }

  /** Creates the database, owned by {@code owner} when not null, unless it exists, and returns its JDBC URL. */
  public String createDatabase(String name, String owner) {
    if (owner != null && !DATABASE_NAME.matcher(owner).matches()) {
      throw new IllegalArgumentException("Owner '" + owner + "' must match " + DATABASE_NAME.pattern());
    }
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Database name '" + name + "' must match " + DATABASE_NAME.pattern());
    }
    try (var connection = DriverManager.getConnection(adminJdbcUrl, user, password);
         var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      boolean missing;
      try (var rs = exists.executeQuery()) {
        missing = !rs.next();
      }
      if (missing) {
        try (var create = connection.createStatement()) {
          create.execute("CREATE DATABASE " + name + (owner == null ? "" : " OWNER " + owner));
        } catch (SQLException e) {
          if (!"42P04".equals(e.getSQLState())) { // created meanwhile by another caller
            throw e;
          }
        }
      }
      return jdbcUrl(name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name + " at " + adminJdbcUrl + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return adminJdbcUrl + " as " + user;
  }
}
