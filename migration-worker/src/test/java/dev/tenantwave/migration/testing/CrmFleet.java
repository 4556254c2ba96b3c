package dev.tenantwave.migration.testing;

import dev.tenantwave.migration.database.ClusterSettings;
import dev.tenantwave.migration.database.ConnectionPools;
import dev.tenantwave.migration.tenancy.TenancyModel;
import dev.tenantwave.migration.tenancy.TenantPlacement;
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
import java.util.Map;

/** A fleet of CRM tenants (deals with a free-text stage) in each tenancy model, on the test PostgreSQL. */
public final class CrmFleet {

  public static final String CLUSTER = "pg-test";
  public static final String REGION = "eu-west";
  public static final String RUNTIME_ROLE = "tw_runtime";
  public static final String RUNTIME_PASSWORD = "runtime-secret";
  public static final String DEAL_STAGES = "2026-11-deal-stages";

  private CrmFleet() {}

  public static ConnectionPools pools(int maxPoolSize) {
    return new ConnectionPools(Map.of(CLUSTER, new ClusterSettings(CLUSTER, Pg.clusterUrl(), Pg.user(),
        Pg.password(), RUNTIME_ROLE, RUNTIME_PASSWORD, maxPoolSize)));
  }

  public static List<TenantPlacement> pooled(String database, String prefix, int tenants, int dealsPerTenant) {
    Pg.createDatabase(database);
    ensureRuntimeRole();
    try (Connection connection = Pg.connect(database); Statement statement = connection.createStatement()) {
      statement.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "
          + RUNTIME_ROLE);
      statement.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO " + RUNTIME_ROLE);
      statement.execute(baseline());
      List<TenantPlacement> placements = new ArrayList<>();
      for (int i = 0; i < tenants; i++) {
        TenantPlacement tenant = new TenantPlacement(tenantId(prefix, i), REGION, TenancyModel.POOLED, CLUSTER,
            database, null);
        insertDeals(connection, tenant.tenantId(), dealsPerTenant);
        placements.add(tenant);
      }
      return placements;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<TenantPlacement> schemas(String database, String prefix, int tenants, int dealsPerTenant) {
    Pg.createDatabase(database);
    try (Connection connection = Pg.connect(database); Statement statement = connection.createStatement()) {
      List<TenantPlacement> placements = new ArrayList<>();
      for (int i = 0; i < tenants; i++) {
        String schema = "t_" + prefix.replace('-', '_') + "_" + i;
        statement.execute("CREATE SCHEMA " + schema);
        statement.execute("SET search_path = " + schema);
        statement.execute(baseline());
        TenantPlacement tenant = new TenantPlacement(tenantId(prefix, i), REGION, TenancyModel.SCHEMA, CLUSTER,
            database, schema);
        insertDeals(connection, tenant.tenantId(), dealsPerTenant);
        placements.add(tenant);
      }
      return placements;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<TenantPlacement> databases(String prefix, int tenants, int dealsPerTenant) {
    List<TenantPlacement> placements = new ArrayList<>();
    for (int i = 0; i < tenants; i++) {
      String database = prefix.replace('-', '_') + "_" + i;
      Pg.createDatabase(database);
      try (Connection connection = Pg.connect(database); Statement statement = connection.createStatement()) {
        statement.execute(baseline());
        TenantPlacement tenant = new TenantPlacement(tenantId(prefix, i), REGION, TenancyModel.DATABASE, CLUSTER,
            database, null);
        insertDeals(connection, tenant.tenantId(), dealsPerTenant);
        placements.add(tenant);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    return placements;
  }

  /** A tenant id of the placement rule's shape (no '_', which database-derived prefixes carry). */
  public static String tenantId(String prefix, int i) {
    return prefix.replace('_', '-') + "-" + String.format("%03d", i);
  }

  public static void insertDeals(Connection connection, String tenantId, int deals) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deals (tenant_id, name, stage, amount)"
        + " SELECT ?, 'deal ' || g, (ARRAY['lead','qualified','proposal','won','lost'])[1 + g % 5], g"
        + " FROM generate_series(1, ?) g")) {
      insert.setString(1, tenantId);
      insert.setInt(2, deals);
      insert.executeUpdate();
    }
  }

  /** A digest of every row of a tenant in the given tables, as a superuser sees them. */
  public static String checksum(TenantPlacement tenant, String... tables) throws SQLException {
    try (Connection connection = Pg.connect(tenant.database()); Statement statement = connection.createStatement()) {
      if (tenant.schema() != null) {
        statement.execute("SET search_path = " + tenant.schema());
      }
      StringBuilder digest = new StringBuilder();
      for (String table : tables) {
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) || ':' || coalesce(md5(string_agg("
            + "t::text, ',' ORDER BY t::text)), '') FROM " + table + " t WHERE tenant_id = ?")) {
          query.setString(1, tenant.tenantId());
          try (ResultSet rs = query.executeQuery()) {
            rs.next();
            digest.append(table).append('=').append(rs.getString(1)).append(' ');
          }
        }
      }
      return digest.toString();
    }
  }

  public static long scalar(TenantPlacement tenant, String sql) throws SQLException {
    try (Connection connection = Pg.connect(tenant.database()); Statement statement = connection.createStatement()) {
      if (tenant.schema() != null) {
        statement.execute("SET search_path = " + tenant.schema());
      }
      try (ResultSet rs = statement.executeQuery(sql.replace(":tenant", "'" + tenant.tenantId() + "'"))) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public static void ensureRuntimeRole() {
    try (Connection connection = Pg.connect("postgres"); Statement statement = connection.createStatement()) {
      statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + RUNTIME_ROLE + "') THEN"
          + " CREATE ROLE " + RUNTIME_ROLE + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '" + RUNTIME_PASSWORD + "';"
          + " END IF; END $$");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String baseline() {
    try (InputStream in = CrmFleet.class.getResourceAsStream("/fixtures/crm-baseline.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
