package dev.tenantwave.migration;

import static dev.tenantwave.migration.testing.CrmFleet.DEAL_STAGES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.migration.backfill.BackfillSettings;
import dev.tenantwave.migration.run.FleetLimits;
import dev.tenantwave.migration.run.Progress;
import dev.tenantwave.migration.run.ProgressState;
import dev.tenantwave.migration.set.MigrationSetLoader;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.tenancy.InMemoryTenantDirectory;
import dev.tenantwave.migration.tenancy.PlacementGuard;
import dev.tenantwave.migration.tenancy.TenancyModel;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import dev.tenantwave.migration.testing.CrmFleet;
import dev.tenantwave.migration.testing.Pg;
import dev.tenantwave.migration.testing.WorkerHarness;
import dev.tenantwave.service.placement.PlacementRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whatever the catalog says, the worker runs no SQL for a tenant placed where no tenant may be. */
class PlacementRefusalIT {

  @Test
  void shouldRefuseATenantInAnotherTenantsSchemaAndLeaveThatTenantsMigrationStanding() throws Exception {
    TenantPlacement owner = CrmFleet.schemas(Pg.uniqueId("owner"), "mig", 1, 20).get(0);
    TenantPlacement impostor = new TenantPlacement("impostor", CrmFleet.REGION, TenancyModel.SCHEMA, owner.cluster(),
        owner.database(), owner.schema());
    try (WorkerHarness harness = WorkerHarness.standard(List.of(owner))) {
      assertThat(harness.run(owner, DEAL_STAGES, Phase.EXPAND).state()).isEqualTo(ProgressState.SUCCEEDED);
      assertThat(harness.run(owner, DEAL_STAGES, Phase.MIGRATE).state()).isEqualTo(ProgressState.SUCCEEDED);
      String history = CrmFleet.checksum(owner, "tenantwave_migration_history");
      String data = CrmFleet.checksum(owner, "deals", "deal_stages");

      harness.directory.put(impostor);
      for (Phase phase : List.of(Phase.EXPAND, Phase.ROLLBACK_EXPAND)) {
        Progress refused = harness.run(impostor, DEAL_STAGES, phase);
        assertThat(refused.state()).as(phase + ": " + refused.error()).isEqualTo(ProgressState.FAILED);
        assertThat(refused.error()).contains("placement refused", owner.tenantId(), owner.schema(), "no SQL was run");
      }
      Progress ownerRefused = harness.run(owner, DEAL_STAGES, Phase.CONTRACT);
      assertThat(ownerRefused.error()).as("the worker cannot tell which of the two is right")
          .contains("placement refused", "impostor");

      assertThat(CrmFleet.checksum(owner, "tenantwave_migration_history")).isEqualTo(history);
      assertThat(CrmFleet.checksum(owner, "deals", "deal_stages")).isEqualTo(data);
      assertThat(CrmFleet.scalar(owner, "SELECT count(*) FROM tenantwave_migration_history"
          + " WHERE tenant_id = 'impostor'")).isZero();
    }
  }

  @Test
  void shouldRefuseADatabaseTenantSharingItsDatabase() throws Exception {
    TenantPlacement dedicated = CrmFleet.databases(Pg.uniqueId("ded"), 1, 10).get(0);
    TenantPlacement pooled = new TenantPlacement("squatter", CrmFleet.REGION, TenancyModel.POOLED,
        dedicated.cluster(), dedicated.database(), null);
    try (WorkerHarness harness = WorkerHarness.standard(List.of(dedicated, pooled))) {
      for (TenantPlacement tenant : List.of(dedicated, pooled)) {
        Progress refused = harness.run(tenant, DEAL_STAGES, Phase.EXPAND);
        assertThat(refused.state()).isEqualTo(ProgressState.FAILED);
        assertThat(refused.error()).contains("placement refused", "DATABASE", "no SQL was run");
      }
    }
    assertThat(CrmFleet.scalar(dedicated, "SELECT count(*) FROM pg_class WHERE relname IN ('deal_stages',"
        + " 'tenantwave_migration_history', 'tenantwave_migration_db_history')")).isZero();
  }

  @Test
  void shouldRefusePostgresqlsOwnSchemasAndTheServicesDatabases() throws Exception {
    String database = Pg.uniqueId("sys");
    List<TenantPlacement> fleet = CrmFleet.schemas(database, "sys", 1, 5);
    TenantPlacement inPublic = new TenantPlacement("in-public", CrmFleet.REGION, TenancyModel.SCHEMA, CrmFleet.CLUSTER,
        database, "public");
    TenantPlacement inCatalog = new TenantPlacement("in-catalog", CrmFleet.REGION, TenancyModel.SCHEMA,
        CrmFleet.CLUSTER, database, "pg_catalog");
    String serviceDatabase = Pg.uniqueId("svc");
    TenantPlacement inService = CrmFleet.pooled(serviceDatabase, "svc", 1, 5).get(0);
    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    List.of(fleet.get(0), inPublic, inCatalog, inService).forEach(directory::put);
    PlacementGuard guard = new PlacementGuard(new PlacementRule(List.of("tw_catalog", serviceDatabase)));
    try (WorkerHarness harness = new WorkerHarness(directory, MigrationSetLoader.classpath(), BackfillSettings.DEFAULT,
        FleetLimits.of(2, 2), guard)) {
      for (TenantPlacement tenant : List.of(inPublic, inCatalog, inService)) {
        Progress refused = harness.run(tenant, DEAL_STAGES, Phase.EXPAND);
        assertThat(refused.state()).as(tenant.tenantId()).isEqualTo(ProgressState.FAILED);
        assertThat(refused.error()).as(tenant.tenantId()).contains("placement refused", "no SQL was run");
      }
      assertThat(harness.run(fleet.get(0), DEAL_STAGES, Phase.EXPAND).state()).isEqualTo(ProgressState.SUCCEEDED);
    }
    assertThat(CrmFleet.scalar(inService, "SELECT count(*) FROM pg_class WHERE relname IN ('deal_stages',"
        + " 'tenantwave_migration_history')")).as("nothing ran in the service's database").isZero();
    assertThat(CrmFleet.scalar(inPublic, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid ="
        + " c.relnamespace WHERE n.nspname IN ('public', 'pg_catalog') AND c.relname IN ('deal_stages',"
        + " 'tenantwave_migration_history')")).isZero();
  }
}
