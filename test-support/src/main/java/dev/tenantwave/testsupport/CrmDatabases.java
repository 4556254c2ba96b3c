package dev.tenantwave.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The example CRM product's tenant data (deals with a free-text stage, the shape before the shipped migration set
 * {@code 2026-11-deal-stages}) on a PostgreSQL server, in each tenancy model: a POOLED database under forced
 * row-level security with the runtime login the worker backfills as, a SCHEMA tenant's schema, a DATABASE tenant's
 * database. Tests of the migration worker, the end-to-end suite and {@code tw demo} seed their tenants with it.
 *
 * <p>On a server with the stack's logins ({@link LocalPostgres}), the tenant databases belong to the migration worker's login, which
 * creates the tables and seeds the rows (under row-level security, as itself), so the worker owns what it migrates;
 * the administrator only creates the databases. Elsewhere the administrator does it all.
 */
public final class CrmDatabases {

  /** The login without BYPASSRLS that POOLED backfills run as. */
  public static final String RUNTIME_ROLE = LocalPostgres.RUNTIME;
  private static final String GENERATED_RUNTIME_PASSWORD = StackCredentials.generate();
  public static final String DEAL_STAGES = "2026-11-deal-stages";
  /** The five stages deals are spread over, one after the other. */
  public static final int STAGES = 5;

  private final Postgres server;
  private Optional<String> owner;

  public CrmDatabases(Postgres server) {
    this.server = server;
  }

  /** The runtime login's password: the stack's, or one generated for this JVM on a server set up elsewhere. */
  public static String runtimePassword(Postgres server) {
    return server.loginPassword(RUNTIME_ROLE).orElse(GENERATED_RUNTIME_PASSWORD);
  }

  /** An empty database, unless it exists, owned by the tenant data's owner. */
  public void createDatabase(String database) {
    server.createDatabase(database, owner());
  }

  /** The migration worker's login where the server has it (the stack's); null (the administrator) elsewhere. */
  private String owner() {
    if (owner == null) {
      try (Connection connection = DriverManager.getConnection(server.adminJdbcUrl(), server.user(),
          server.password()); PreparedStatement query = connection.prepareStatement(
              "SELECT 1 FROM pg_roles WHERE rolname = ?")) {
        query.setString(1, LocalPostgres.MIGRATION);
        try (ResultSet rs = query.executeQuery()) {
          owner = Optional.ofNullable(rs.next() ? LocalPostgres.MIGRATION : null);
        }
      } catch (SQLException e) {
        throw failed("look for the login " + LocalPostgres.MIGRATION, e);
      }
    }
    return owner.orElse(null);
  }

  /** A database shared by POOLED tenants: the baseline tables, readable and writable by the runtime login. */
  public void createPooledDatabase(String database) {
    createDatabase(database);
    ensureRuntimeRole();
    // The tables the owner creates now, and those a migration creates later: as the owner, or as the administrator
    // where a worker logs in as it (the tests' workers do).
    try (Connection admin = connect(database); Statement statement = admin.createStatement()) {
      grantToRuntimeByDefault(statement);
    } catch (SQLException e) {
      throw failed("grant the runtime login in the pooled database " + database, e);
    }
    try (Connection connection = connectAsOwner(database); Statement statement = connection.createStatement()) {
      grantToRuntimeByDefault(statement);
      statement.execute(baseline());
    } catch (SQLException e) {
      throw failed("create the pooled database " + database, e);
    }
  }

  private static void grantToRuntimeByDefault(Statement statement) throws SQLException {
    statement.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "
        + RUNTIME_ROLE);
    statement.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO " + RUNTIME_ROLE);
  }

  /** A SCHEMA tenant's schema with the baseline tables, in a database created when missing. */
  public void createSchema(String database, String schema) {
    createDatabase(database);
    try (Connection connection = connectAsOwner(database); Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
      statement.execute("SET search_path = " + schema);
      statement.execute(baseline());
    } catch (SQLException e) {
      throw failed("create schema " + schema + " in " + database, e);
    }
  }

  /** A DATABASE tenant's own database with the baseline tables. */
  public void createTenantDatabase(String database) {
    createDatabase(database);
    try (Connection connection = connectAsOwner(database); Statement statement = connection.createStatement()) {
      statement.execute(baseline());
    } catch (SQLException e) {
      throw failed("create the tenant database " + database, e);
    }
  }

  /** Inserts {@code deals} deals of the tenant, in its schema when it has one (null for POOLED and DATABASE). */
  public void insertDeals(String database, String schema, String tenantId, int deals) {
    try (Connection connection = connectAsOwner(database)) {
      if (schema != null) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET search_path = " + schema);
        }
      }
      insertDeals(connection, tenantId, deals);
    } catch (SQLException e) {
      throw failed("insert deals of " + tenantId, e);
    }
  }

  /**
   * Deal g of a tenant gets stage g mod 5 of lead, qualified, proposal, won, lost. Row-level security is forced on
   * the table owner too, so the rows are written as the tenant ({@code app.tenant_id}).
   */
  public static void insertDeals(Connection connection, String tenantId, int deals) throws SQLException {
    try (PreparedStatement asTenant = connection.prepareStatement("SELECT set_config('app.tenant_id', ?, false)")) {
      asTenant.setString(1, tenantId);
      asTenant.execute();
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deals (tenant_id, name, stage, amount)"
        + " SELECT ?, 'deal ' || g, (ARRAY['lead','qualified','proposal','won','lost'])[1 + g % 5], g"
        + " FROM generate_series(1, ?) g")) {
      insert.setString(1, tenantId);
      insert.setInt(2, deals);
      insert.executeUpdate();
    }
  }

  /** A digest of every row of a tenant in the given tables, as a superuser sees them. */
  public String checksum(String database, String schema, String tenantId, String... tables) {
    try (Connection connection = connect(database, schema)) {
      StringBuilder digest = new StringBuilder();
      for (String table : tables) {
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) || ':' || coalesce(md5(string_agg("
            + "t::text, ',' ORDER BY t::text)), '') FROM " + table + " t WHERE tenant_id = ?")) {
          query.setString(1, tenantId);
          try (ResultSet rs = query.executeQuery()) {
            rs.next();
            digest.append(table).append('=').append(rs.getString(1)).append(' ');
          }
        }
      }
      return digest.toString();
    } catch (SQLException e) {
      throw failed("checksum the rows of " + tenantId, e);
    }
  }

  /** The first column of the first row of {@code sql}, in the tenant's schema, with {@code :tenant} its quoted id. */
  public long scalar(String database, String schema, String tenantId, String sql) {
    try (Connection connection = connect(database, schema); Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql.replace(":tenant", "'" + tenantId.replace("'", "''") + "'"))) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw failed("query " + sql + " for " + tenantId, e);
    }
  }

  /** How many deals {@link #createExample} gives its tenant. */
  public static final int EXAMPLE_DEALS = 1000;

  /**
   * The example product's pooled database as {@code ./tw up} offers it to its walkthrough, unless it has its tables:
   * the baseline tables, {@link #EXAMPLE_DEALS} deals of {@code tenantId}, and the runtime login.
   */
  public void createExample(String database, String tenantId) {
    createDatabase(database);
    boolean hasTables;
    try (Connection connection = connectAsOwner(database); Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT to_regclass('public.deals') IS NOT NULL")) {
      rs.next();
      hasTables = rs.getBoolean(1);
    } catch (SQLException e) {
      throw failed("look for the tables of the example database " + database, e);
    }
    if (!hasTables) {
      createPooledDatabase(database);
      insertDeals(database, null, tenantId, EXAMPLE_DEALS);
    }
    ensureRuntimeRole();
  }

  /**
   * The runtime login with {@link #runtimePassword}, unless it exists: an existing login keeps its password, which
   * the stack's migration worker uses (another process seeding tenants must not change it under the worker).
   */
  public void ensureRuntimeRole() {
    if (server.loginPassword(RUNTIME_ROLE).isPresent()) {
      return; // the stack's own, with its password
    }
    try (Connection connection = DriverManager.getConnection(server.adminJdbcUrl(), server.user(), server.password());
         Statement statement = connection.createStatement()) {
      statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + RUNTIME_ROLE + "') THEN"
          + " CREATE ROLE " + RUNTIME_ROLE + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '"
          + GENERATED_RUNTIME_PASSWORD + "'; END IF; END $$");
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState()) && !"42710".equals(e.getSQLState())) { // created meanwhile by another caller
        throw failed("create the runtime role " + RUNTIME_ROLE, e);
      }
    }
  }

  /** A connection to the database as the server's admin user, auto-commit, in the schema when given. */
  public Connection connect(String database, String schema) throws SQLException {
    Connection connection = connect(database);
    if (schema != null) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET search_path = " + schema);
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    }
    return connection;
  }

  /** A connection as the owner of the tenant data (see the class comment), auto-commit. */
  private Connection connectAsOwner(String database) throws SQLException {
    Connection connection = connect(database);
    String owner = owner();
    if (owner != null) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET ROLE " + owner);
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    }
    return connection;
  }

  public Connection connect(String database) throws SQLException {
    Connection connection = DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
    connection.setAutoCommit(true);
    return connection;
  }

  /** The application's tables before the migration set, every one with {@code tenant_id} under forced RLS. */
  public static String baseline() {
    try (InputStream in = CrmDatabases.class.getResourceAsStream("crm-baseline.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static IllegalStateException failed(String what, SQLException e) {
    return new IllegalStateException("Could not " + what + ": " + e.getMessage(), e);
  }
}
