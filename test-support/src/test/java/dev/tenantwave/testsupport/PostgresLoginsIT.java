package dev.tenantwave.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack's PostgreSQL logins: passwords checked, each service confined to its own database. */
class PostgresLoginsIT {

  private final Postgres postgres = TestInfra.get().postgres();

  @Test
  void shouldRefuseALoginWithAWrongPassword() {
    assertThatThrownBy(() -> DriverManager.getConnection(postgres.adminJdbcUrl(), postgres.user(), "postgres"))
        .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
    assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl("tw_catalog"), LocalPostgres.CATALOG,
        "not-the-password")).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01");
  }

  @Test
  void shouldLetTheCatalogLoginUseOnlyItsOwnDatabase() throws SQLException {
    try (Connection catalog = login("tw_catalog", LocalPostgres.CATALOG); Statement sql = catalog.createStatement()) {
      sql.execute("CREATE TABLE IF NOT EXISTS login_probe (id int)");
      assertThatThrownBy(() -> sql.execute("CREATE DATABASE tw_catalog_stolen"))
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
      assertThatThrownBy(() -> sql.execute("CREATE ROLE intruder LOGIN"))
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
    }
    assertThatThrownBy(() -> login("tw_rollout", LocalPostgres.CATALOG))
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
    assertThatThrownBy(() -> login("tw_migration", LocalPostgres.CATALOG))
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
    assertThatThrownBy(() -> login("tw_catalog", LocalPostgres.ORCHESTRATOR))
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42501");
  }

  @Test
  void shouldGiveNoServiceLoginAnyPowerBeyondItsDatabase() throws SQLException {
    try (Connection admin = DriverManager.getConnection(postgres.adminJdbcUrl(), postgres.user(),
        postgres.password()); Statement sql = admin.createStatement();
         ResultSet rs = sql.executeQuery("SELECT rolname FROM pg_roles WHERE rolname IN ('tw_catalog',"
             + " 'tw_orchestrator', 'tw_migration', 'tw_runtime') AND NOT (rolsuper OR rolcreatedb OR rolcreaterole"
             + " OR rolbypassrls OR rolreplication) ORDER BY 1")) {
      List<String> confined = new ArrayList<>();
      while (rs.next()) {
        confined.add(rs.getString(1));
      }
      assertThat(confined).containsExactly("tw_catalog", "tw_migration", "tw_orchestrator", "tw_runtime");
    }
  }

  @Test
  void shouldLetNoLoginBypassRowSecurityWhenTheSuperuserIsLocked(@TempDir Path dataDir) throws Exception {
    StackCredentials credentials = StackCredentials.in(dataDir);
    int port = LocalStack.freePort();
    try (LocalPostgres.Started first = LocalPostgres.start(dataDir, port, credentials, false)) {
      assertThat(first.admin().user()).isEqualTo(LocalPostgres.ADMIN);
      assertThat(bypassingLogins(first.admin())).isEmpty();
      assertThatThrownBy(() -> DriverManager.getConnection(first.admin().adminJdbcUrl(), LocalPostgres.SUPERUSER,
          credentials.password("postgres", LocalPostgres.SUPERUSER)))
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28000");
    }
    // a restart finds its logins, and a service password deleted from the file is replaced by a new one
    Path file = dataDir.resolve(StackCredentials.FILE);
    String oldCatalogPassword = credentials.password("postgres", LocalPostgres.CATALOG);
    Files.write(file, Files.readAllLines(file).stream().filter(line -> !line.startsWith("postgres.tw_catalog="))
        .toList());
    StackCredentials reread = StackCredentials.in(dataDir);
    try (LocalPostgres.Started second = LocalPostgres.start(dataDir, port, reread, false)) {
      String newPassword = second.admin().loginPassword(LocalPostgres.CATALOG).orElseThrow();
      assertThat(newPassword).isNotEqualTo(oldCatalogPassword);
      try (Connection ignored = DriverManager.getConnection(second.admin().jdbcUrl("tw_catalog"),
          LocalPostgres.CATALOG, newPassword)) {
        assertThat(ignored.isValid(1)).isTrue();
      }
      assertThatThrownBy(() -> DriverManager.getConnection(second.admin().jdbcUrl("tw_catalog"),
          LocalPostgres.CATALOG, oldCatalogPassword)).extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("28P01");
    }
  }

  private Connection login(String database, String login) throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl(database), login,
        postgres.loginPassword(login).orElseThrow());
  }

  // the isolation audit's question: which login roles skip row-level security
  private static List<String> bypassingLogins(Postgres server) throws SQLException {
    try (Connection connection = DriverManager.getConnection(server.adminJdbcUrl(), server.user(), server.password());
         Statement sql = connection.createStatement();
         ResultSet rs = sql.executeQuery("SELECT rolname FROM pg_roles WHERE rolcanlogin AND (rolsuper OR"
             + " rolbypassrls)")) {
      List<String> logins = new ArrayList<>();
      while (rs.next()) {
        logins.add(rs.getString(1));
      }
      return logins;
    }
  }
}
