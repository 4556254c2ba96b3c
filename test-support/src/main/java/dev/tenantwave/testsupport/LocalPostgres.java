package dev.tenantwave.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack's PostgreSQL as in production: bound to loopback, every login by password (scram-sha-256), one
 * least-privilege role per service owning that service's database (no other role may connect to it), the
 * migration worker's owner login (owns the tenant databases the stack creates, reads activity statistics for its
 * throttle) and its runtime login (no BYPASSRLS), all with passwords from {@link StackCredentials}. The roles are
 * created by {@value #ADMIN} (CREATEDB, CREATEROLE, no superuser, no BYPASSRLS). With {@code superuserLogin} false
 * ({@code ./tw up}) the superuser cannot log in at all, so no login bypasses row-level security.
 */
public final class LocalPostgres {

  public static final String SUPERUSER = "postgres";
  public static final String ADMIN = "tw_admin";
  public static final String CATALOG = "tw_catalog";
  public static final String ORCHESTRATOR = "tw_orchestrator";
  /** The migration worker's owner login: its inbox, DDL and history in tenant databases. */
  public static final String MIGRATION = "tw_migration";
  /** The migration worker's runtime login for POOLED backfills: no BYPASSRLS. */
  public static final String RUNTIME = "tw_runtime";
  /** The schema registry's login, owner of its SQL storage. */
  public static final String REGISTRY = "tw_registry";
  /** The database of the registry's SQL storage, so schemas live as long as the records that name them. */
  public static final String REGISTRY_DATABASE = "tw_registry";
  /** Each service database and the login that owns it; other logins may not connect to it. */
  public static final Map<String, String> SERVICE_DATABASES = Map.of("tw_catalog", CATALOG, "tw_rollout",
      ORCHESTRATOR, "tw_migration", MIGRATION, REGISTRY_DATABASE, REGISTRY);
  private static final List<String> SERVICE_LOGINS = List.of(CATALOG, ORCHESTRATOR, MIGRATION, RUNTIME, REGISTRY);
  private static final String HBA_MARK = "# tenantwave: every login by password";
  private static final String HBA = HBA_MARK + " (scram-sha-256), loopback only\n"
      + "local all all scram-sha-256\n"
      + "host all all 127.0.0.1/32 scram-sha-256\n"
      + "host all all ::1/128 scram-sha-256\n";

  record Started(EmbeddedPostgres server, Postgres admin) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  private LocalPostgres() {}

  static Started start(Path dataDir, int port, StackCredentials credentials, boolean superuserLogin) {
    Path pgData = dataDir.resolve("postgres");
    boolean fresh = !isProvisioned(pgData);
    if (fresh && Files.exists(pgData.resolve("PG_VERSION"))) {
      throw new IllegalStateException("The PostgreSQL data in " + pgData + " predates per-service logins (every"
          + " login was a superuser); start once with --clean to recreate it (this deletes the local data)");
    }
    String admin = superuserLogin ? SUPERUSER : ADMIN;
    String readyAs = fresh ? SUPERUSER : admin;
    EmbeddedPostgres server;
    try {
      server = EmbeddedPostgres.builder()
          .setPort(port)
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          .setServerConfig("listen_addresses", "localhost")
          .setServerConfig("password_encryption", "scram-sha-256")
          .setServerConfig("max_connections", "300")
          .setConnectConfig("user", readyAs)
          .setConnectConfig("password", credentials.password("postgres", readyAs))
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start PostgreSQL on port " + port + " in " + pgData, e);
    }
    String url = "jdbc:postgresql://localhost:" + port + "/postgres";
    try {
      if (fresh) {
        provision(url, credentials, superuserLogin);
        Files.writeString(pgData.resolve("pg_hba.conf"), HBA);
        reloadAndLock(url, credentials, superuserLogin);
      }
      setPasswords(url, admin, credentials);
    } catch (SQLException | IOException | RuntimeException e) {
      try {
        server.close();
      } catch (IOException ignored) {
        // the original failure is what matters
      }
      throw new IllegalStateException("Could not set up PostgreSQL's logins on port " + port + ": " + e, e);
    }
    Map<String, String> logins = new LinkedHashMap<>();
    SERVICE_LOGINS.forEach(login -> logins.put(login, credentials.password("postgres", login)));
    return new Started(server, new Postgres(url, admin, credentials.password("postgres", admin), logins));
  }

  private static boolean isProvisioned(Path pgData) {
    try {
      Path hba = pgData.resolve("pg_hba.conf");
      return Files.exists(hba) && Files.readString(hba).startsWith(HBA_MARK);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Runs once, on a freshly initialised cluster that still trusts local connections.
  private static void provision(String url, StackCredentials credentials, boolean superuserLogin) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, SUPERUSER, "");
         Statement sql = connection.createStatement()) {
      sql.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + credentials.password("postgres", SUPERUSER) + "'");
      sql.execute("CREATE ROLE " + ADMIN + " LOGIN CREATEDB CREATEROLE NOSUPERUSER NOBYPASSRLS PASSWORD '"
          + credentials.password("postgres", ADMIN) + "'");
      sql.execute("SET ROLE " + ADMIN);
      sql.execute("SET createrole_self_grant = 'set'"); // the admin may create databases owned by these roles
      for (String login : SERVICE_LOGINS) {
        sql.execute("CREATE ROLE " + login + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '"
            + credentials.password("postgres", login) + "'");
      }
      for (var database : SERVICE_DATABASES.entrySet()) {
        sql.execute("CREATE DATABASE " + database.getKey() + " OWNER " + database.getValue());
      }
      sql.execute("RESET ROLE");
      for (String database : SERVICE_DATABASES.keySet()) { // as the superuser: the admin holds no grant on them
        sql.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
      }
      sql.execute("GRANT pg_read_all_stats TO " + MIGRATION); // the worker's throttle sees foreground sessions
    }
  }

  private static void reloadAndLock(String url, StackCredentials credentials, boolean superuserLogin)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, SUPERUSER,
        credentials.password("postgres", SUPERUSER)); Statement sql = connection.createStatement()) {
      sql.execute("SELECT pg_reload_conf()");
      if (!superuserLogin) {
        sql.execute("ALTER ROLE " + SUPERUSER + " NOLOGIN");
      }
    }
  }

  // On every start, so that a password deleted from the credentials file is replaced by a new one.
  private static void setPasswords(String url, String admin, StackCredentials credentials) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, admin, credentials.password("postgres", admin));
         Statement sql = connection.createStatement()) {
      for (String login : SERVICE_LOGINS) {
        sql.execute("ALTER ROLE " + login + " PASSWORD '" + credentials.password("postgres", login) + "'");
      }
    }
  }
}
