package dev.tenantwave.migration.testing;

import dev.tenantwave.migration.database.ClusterSettings;
import dev.tenantwave.migration.database.ConnectionPools;
import dev.tenantwave.migration.tenancy.TenancyModel;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import dev.tenantwave.testsupport.CrmDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fleet of CRM tenants (deals with a free-text stage) in each tenancy model, on the test PostgreSQL, as the worker
 * sees them ({@link TenantPlacement}); the data itself comes from test-support's {@link CrmDatabases}, which the
 * end-to-end suite seeds its tenants with too.
 */
public final class CrmFleet {

  public static final String CLUSTER = "pg-test";
  public static final String REGION = "eu-west";
  public static final String RUNTIME_ROLE = CrmDatabases.RUNTIME_ROLE;

  public static final String DEAL_STAGES = CrmDatabases.DEAL_STAGES;

  private CrmFleet() {}

  public static String runtimePassword() {
    return CrmDatabases.runtimePassword(Pg.server());
  }

  public static ConnectionPools pools(int maxPoolSize) {
    return new ConnectionPools(Map.of(CLUSTER, new ClusterSettings(CLUSTER, Pg.clusterUrl(), Pg.user(),
        Pg.password(), RUNTIME_ROLE, runtimePassword(), maxPoolSize)));
  }

  public static List<TenantPlacement> pooled(String database, String prefix, int tenants, int dealsPerTenant) {
    crm().createPooledDatabase(database);
    try (Connection connection = Pg.connect(database)) {
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
    List<TenantPlacement> placements = new ArrayList<>();
    for (int i = 0; i < tenants; i++) {
      String schema = "t_" + prefix.replace('-', '_') + "_" + i;
      crm().createSchema(database, schema);
      TenantPlacement tenant = new TenantPlacement(tenantId(prefix, i), REGION, TenancyModel.SCHEMA, CLUSTER,
          database, schema);
      crm().insertDeals(database, schema, tenant.tenantId(), dealsPerTenant);
      placements.add(tenant);
    }
    return placements;
  }

  public static List<TenantPlacement> databases(String prefix, int tenants, int dealsPerTenant) {
    List<TenantPlacement> placements = new ArrayList<>();
    for (int i = 0; i < tenants; i++) {
      String database = prefix.replace('-', '_') + "_" + i;
      crm().createTenantDatabase(database);
      TenantPlacement tenant = new TenantPlacement(tenantId(prefix, i), REGION, TenancyModel.DATABASE, CLUSTER,
          database, null);
      crm().insertDeals(database, null, tenant.tenantId(), dealsPerTenant);
      placements.add(tenant);
    }
    return placements;
  }

  /** A tenant id of the placement rule's shape (no '_', which database-derived prefixes carry). */
  public static String tenantId(String prefix, int i) {
    return prefix.replace('_', '-') + "-" + String.format("%03d", i);
  }

  public static void insertDeals(Connection connection, String tenantId, int deals) throws SQLException {
    CrmDatabases.insertDeals(connection, tenantId, deals);
  }

  /** A digest of every row of a tenant in the given tables, as a superuser sees them. */
  public static String checksum(TenantPlacement tenant, String... tables) throws SQLException {
    return crm().checksum(tenant.database(), tenant.schema(), tenant.tenantId(), tables);
  }

  public static long scalar(TenantPlacement tenant, String sql) throws SQLException {
    return crm().scalar(tenant.database(), tenant.schema(), tenant.tenantId(), sql);
  }

  public static void ensureRuntimeRole() {
    crm().ensureRuntimeRole();
  }

  private static CrmDatabases crm() {
    return new CrmDatabases(Pg.server());
  }
}
