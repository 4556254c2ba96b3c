package dev.tenantwave.migration;

import static dev.tenantwave.migration.testing.CrmFleet.DEAL_STAGES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.migration.backfill.BackfillSettings;
import dev.tenantwave.migration.database.JdbcHistory;
import dev.tenantwave.migration.run.FleetLimits;
import dev.tenantwave.migration.run.MigrationCommand;
import dev.tenantwave.migration.run.Progress;
import dev.tenantwave.migration.run.ProgressState;
import dev.tenantwave.migration.set.MigrationSetLoader;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.tenancy.InMemoryTenantDirectory;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import dev.tenantwave.migration.testing.CrmFleet;
import dev.tenantwave.migration.testing.Pg;
import dev.tenantwave.migration.testing.WorkerHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SCHEMA expand and contract, decided under the schema's lock in the transaction that applies them. */
class SchemaDdlIT {

  @Test
  void shouldApplyExpandOnceWhenTwoWorkersRaceForTheSameSchema() throws Exception {
    TenantPlacement tenant = CrmFleet.schemas(Pg.uniqueId("race"), "race", 1, 10).get(0);
    try (WorkerHarness first = WorkerHarness.standard(List.of(tenant));
         WorkerHarness second = WorkerHarness.standard(List.of(tenant))) {
      MigrationCommand expand = MigrationCommand.of("rel-1", tenant.tenantId(), DEAL_STAGES, Phase.EXPAND);
      CompletableFuture<Progress> a = first.worker.submit(expand);
      CompletableFuture<Progress> b = second.worker.submit(expand);
      assertThat(a.get(60, TimeUnit.SECONDS).state()).isEqualTo(ProgressState.SUCCEEDED);
      assertThat(b.get(60, TimeUnit.SECONDS).state()).isEqualTo(ProgressState.SUCCEEDED);
    }
    assertThat(CrmFleet.scalar(tenant, "SELECT attempts FROM tenantwave_migration_history"
        + " WHERE tenant_id = :tenant AND phase = 'EXPAND'")).as("the loser saw the winner's history row").isOne();
  }

  @Test
  void shouldLeaveNothingBehindWhenTheDecisionRunsNoScript() throws Exception {
    TenantPlacement tenant = CrmFleet.schemas(Pg.uniqueId("refused"), "refused", 1, 10).get(0);
    try (WorkerHarness harness = WorkerHarness.standard(List.of(tenant))) {
      Progress contract = harness.run(tenant, DEAL_STAGES, Phase.CONTRACT);
      assertThat(contract.state()).isEqualTo(ProgressState.FAILED);
      assertThat(contract.error()).contains("CONTRACT needs MIGRATE");
      assertThat(harness.eventsOf(tenant.tenantId(), ProgressState.STARTED)).isEmpty();
    }
    assertThat(CrmFleet.scalar(tenant, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
        + " AND tablename = 'tenantwave_migration_history'")).as("the history table creation rolled back").isZero();
  }

  @Test
  void shouldRollTheScriptAndItsHistoryRowBackWhenVerifyFindsAProblem(@TempDir Path sets) throws Exception {
    writeSet(sets, "test-verify-fails", "ALTER TABLE deals ADD COLUMN probe text",
        "SELECT 'probe left behind' WHERE :phase = 'EXPAND'");
    TenantPlacement tenant = CrmFleet.schemas(Pg.uniqueId("verify"), "verify", 1, 10).get(0);
    try (WorkerHarness harness = harness(tenant, sets)) {
      Progress expand = harness.run(tenant, "test-verify-fails", Phase.EXPAND);
      assertThat(expand.state()).isEqualTo(ProgressState.FAILED);
      assertThat(expand.error()).isEqualTo("verify.sql after EXPAND found: probe left behind");
    }
    assertThat(CrmFleet.scalar(tenant, "SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass('deals')"
        + " AND attname = 'probe'")).isZero();
    assertThat(CrmFleet.scalar(tenant, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
        + " AND tablename = 'tenantwave_migration_history'")).isZero();
  }

  @Test
  void shouldNotTakeRowsTheScriptReturnsForVerifyFindings(@TempDir Path sets) throws Exception {
    writeSet(sets, "test-script-selects", "SELECT 'a row from expand.sql';\n"
        + "ALTER TABLE deals ADD COLUMN probe text;\nSELECT 'another row' FROM deals",
        "SELECT 'probe is missing' WHERE to_regclass('deals') IS NULL;\n"
            + "SELECT 'no probe' WHERE NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('deals')"
            + " AND attname = 'probe')");
    TenantPlacement tenant = CrmFleet.schemas(Pg.uniqueId("selects"), "selects", 1, 10).get(0);
    try (WorkerHarness harness = harness(tenant, sets)) {
      Progress expand = harness.run(tenant, "test-script-selects", Phase.EXPAND);
      assertThat(expand.state()).as(expand.error()).isEqualTo(ProgressState.SUCCEEDED);
    }
  }

  @Test
  void shouldFailExpandWithDriftWhenTheAppliedScriptChanged(@TempDir Path sets) throws Exception {
    TenantPlacement tenant = CrmFleet.schemas(Pg.uniqueId("xdrift"), "xdrift", 1, 10).get(0);
    writeSet(sets, "test-drift", "ALTER TABLE deals ADD COLUMN IF NOT EXISTS probe text", "SELECT 1 WHERE false");
    try (WorkerHarness harness = harness(tenant, sets)) {
      assertThat(harness.run(tenant, "test-drift", Phase.EXPAND).state()).isEqualTo(ProgressState.SUCCEEDED);
    }
    Files.writeString(sets.resolve("test-drift").resolve("expand.sql"),
        "ALTER TABLE deals ADD COLUMN IF NOT EXISTS probe varchar");
    try (WorkerHarness edited = harness(tenant, sets)) {
      Progress drift = edited.run(tenant, "test-drift", Phase.EXPAND);
      assertThat(drift.state()).isEqualTo(ProgressState.FAILED);
      assertThat(drift.error()).contains("checksum drift", "expand.sql");
    }
  }

  /** Stale catalog statistics (thousands of schemas created since the last ANALYZE) must not matter. */
  @Test
  void shouldFindTheHistoryTableWithOneIndexProbeWhateverTheCatalogStatistics() throws Exception {
    List<TenantPlacement> fleet = CrmFleet.schemas(Pg.uniqueId("probe"), "probe", 3, 1);
    try (WorkerHarness harness = WorkerHarness.standard(fleet)) {
      harness.runAll(fleet, DEAL_STAGES, Phase.EXPAND);
    }
    try (Connection connection = Pg.connect(fleet.get(0).database());
         Statement statement = connection.createStatement()) {
      statement.execute("SET search_path = " + fleet.get(2).schema());
      try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + JdbcHistory.EXISTS_SQL)) {
        explain.setString(1, JdbcHistory.TABLE);
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = explain.executeQuery()) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        }
        assertThat(plan.toString()).contains("pg_class_relname_nsp_index", "relnamespace = ")
            .doesNotContain("Seq Scan", "Join Filter");
      }
      try (PreparedStatement exists = connection.prepareStatement(JdbcHistory.EXISTS_SQL)) {
        exists.setString(1, JdbcHistory.TABLE);
        try (ResultSet rs = exists.executeQuery()) {
          assertThat(rs.next() && rs.getBoolean(1)).isTrue();
        }
      }
    }
  }

  private static WorkerHarness harness(TenantPlacement tenant, Path sets) {
    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    directory.put(tenant);
    return new WorkerHarness(directory, new MigrationSetLoader(sets), BackfillSettings.DEFAULT, FleetLimits.of(2, 2));
  }

  private static void writeSet(Path sets, String name, String expand, String verify) throws Exception {
    Path folder = Files.createDirectories(sets.resolve(name));
    Map<String, String> files = Map.of(
        "manifest.properties", "name=" + name + "\nbackfill.table=deals\nbackfill.key=id\nbackfill.tenant-column=tenant_id\n",
        "expand.sql", expand,
        "migrate.sql", "SELECT 1",
        "contract.sql", "SELECT 1",
        "rollback-expand.sql", "SELECT 1",
        "verify.sql", verify);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(folder.resolve(file.getKey()), file.getValue());
    }
  }
}
