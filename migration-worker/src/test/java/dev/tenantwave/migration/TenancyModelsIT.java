package dev.tenantwave.migration;

import static dev.tenantwave.migration.testing.CrmFleet.DEAL_STAGES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.migration.history.PhasePolicy;
import dev.tenantwave.migration.run.Progress;
import dev.tenantwave.migration.run.ProgressState;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.tenancy.TenancyModel;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import dev.tenantwave.migration.testing.CrmFleet;
import dev.tenantwave.migration.testing.Pg;
import dev.tenantwave.migration.testing.WorkerHarness;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 50 tenants per tenancy model: expand → migrate → verify → contract, and a per-tenant rollback before contract. */
class TenancyModelsIT {

  private static final int TENANTS = 50;
  private static final int DEALS = 200;

  @Test
  void pooledTenantsMigrateUnderRlsWithSharedDdlOncePerDatabase() throws Exception {
    String database = Pg.uniqueId("pooled");
    List<TenantPlacement> tenants = CrmFleet.pooled(database, "pool", TENANTS, DEALS);
    fullCycle(tenants);
    assertThat(CrmFleet.scalar(tenants.get(0), "SELECT count(*) FROM tenantwave_migration_db_history"))
        .as("shared DDL recorded once per phase for the database").isEqualTo(2);
  }

  @Test
  void schemaTenantsMigrateEachInItsSchema() throws Exception {
    fullCycle(CrmFleet.schemas(Pg.uniqueId("schemas"), "sch", TENANTS, DEALS));
  }

  @Test
  void databaseTenantsMigrateEachInItsDatabase() throws Exception {
    fullCycle(CrmFleet.databases(Pg.uniqueId("tdb"), TENANTS, DEALS));
  }

  private static void fullCycle(List<TenantPlacement> tenants) throws SQLException {
    try (WorkerHarness harness = WorkerHarness.standard(tenants)) {
      assertAllSucceeded(harness.runAll(tenants, DEAL_STAGES, Phase.EXPAND));
      List<Progress> migrated = harness.runAll(tenants, DEAL_STAGES, Phase.MIGRATE);
      assertAllSucceeded(migrated);
      assertThat(migrated).allSatisfy(p -> assertThat(p.rowsDone()).isEqualTo(DEALS));
      for (TenantPlacement tenant : tenants) {
        assertThat(CrmFleet.scalar(tenant, "SELECT count(*) FROM deals WHERE tenant_id = :tenant AND stage_id IS NULL"))
            .isZero();
        assertThat(CrmFleet.scalar(tenant, "SELECT count(*) FROM deal_stages WHERE tenant_id = :tenant")).isEqualTo(5);
      }

      TenantPlacement rolledBack = tenants.get(0);
      Map<String, String> others = checksums(tenants.subList(1, tenants.size()));
      assertThat(harness.run(rolledBack, DEAL_STAGES, Phase.ROLLBACK_EXPAND).state()).isEqualTo(ProgressState.SUCCEEDED);
      assertThat(checksums(tenants.subList(1, tenants.size()))).as("other tenants untouched").isEqualTo(others);
      if (rolledBack.model() == TenancyModel.POOLED) {
        assertThat(CrmFleet.scalar(rolledBack, "SELECT count(*) FROM deals WHERE tenant_id = :tenant AND stage_id IS NOT NULL"))
            .isZero();
        assertThat(CrmFleet.scalar(rolledBack, "SELECT count(*) FROM deal_stages WHERE tenant_id = :tenant")).isZero();
      } else {
        assertThat(CrmFleet.scalar(rolledBack, "SELECT count(*) FROM pg_class WHERE oid = to_regclass('deal_stages')"))
            .as("expand undone in the tenant's own schema/database").isZero();
      }

      assertThat(harness.run(rolledBack, DEAL_STAGES, Phase.EXPAND).state()).isEqualTo(ProgressState.SUCCEEDED);
      assertThat(harness.run(rolledBack, DEAL_STAGES, Phase.MIGRATE).state()).isEqualTo(ProgressState.SUCCEEDED);
      assertAllSucceeded(harness.runAll(tenants, DEAL_STAGES, Phase.CONTRACT));
      for (TenantPlacement tenant : tenants) {
        assertThat(CrmFleet.scalar(tenant, "SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass('deals')"
            + " AND attname = 'stage' AND NOT attisdropped")).as("deals.stage dropped").isZero();
      }

      Progress refused = harness.run(tenants.get(1), DEAL_STAGES, Phase.ROLLBACK_EXPAND);
      assertThat(refused.state()).isEqualTo(ProgressState.FAILED);
      assertThat(refused.error()).isEqualTo(PhasePolicy.POINT_OF_NO_RETURN).contains("contract is the point of no return");
    }
  }

  private static void assertAllSucceeded(List<Progress> results) {
    assertThat(results).allSatisfy(p -> assertThat(p.state()).as(p.command().tenantId() + ": " + p.error())
        .isEqualTo(ProgressState.SUCCEEDED));
  }

  private static Map<String, String> checksums(List<TenantPlacement> tenants) throws SQLException {
    Map<String, String> sums = new LinkedHashMap<>();
    for (TenantPlacement tenant : tenants) {
      sums.put(tenant.tenantId(), CrmFleet.checksum(tenant, "deals", "deal_stages"));
    }
    return sums;
  }
}
