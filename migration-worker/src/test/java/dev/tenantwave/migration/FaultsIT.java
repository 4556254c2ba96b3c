package dev.tenantwave.migration;

import static dev.tenantwave.migration.testing.CrmFleet.DEAL_STAGES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.migration.backfill.BackfillSettings;
import dev.tenantwave.migration.run.FleetLimits;
import dev.tenantwave.migration.run.MigrationCommand;
import dev.tenantwave.migration.run.Progress;
import dev.tenantwave.migration.run.ProgressState;
import dev.tenantwave.migration.set.MigrationSetLoader;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.tenancy.InMemoryTenantDirectory;
import dev.tenantwave.migration.tenancy.TenancyModel;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import dev.tenantwave.migration.testing.CrmFleet;
import dev.tenantwave.migration.testing.Pg;
import dev.tenantwave.migration.testing.WorkerHarness;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes, locks, bad SQL, redelivery, drift and residency, each on real PostgreSQL. */
class FaultsIT {

  private static final int DEALS = 20_000;
  private static final int BATCH = 100;

  @Test
  void shouldResumeAfterACrashMidBackfillApplyingEveryBatchExactlyOnce() throws Exception {
    TenantPlacement tenant = CrmFleet.pooled(Pg.uniqueId("crash"), "crash", 2, DEALS).get(0);
    BackfillSettings smallBatches = BackfillSettings.DEFAULT.withFixedBatchSize(BATCH).withThrottle(false);

    WorkerHarness first = harness(List.of(tenant), smallBatches);
    assertThat(first.run(tenant, "test-increment", Phase.EXPAND).state()).isEqualTo(ProgressState.SUCCEEDED);
    CompletableFuture<Progress> interrupted =
        first.worker.submit(MigrationCommand.of("rel-1", tenant.tenantId(), "test-increment", Phase.MIGRATE));
    await().atMost(Duration.ofSeconds(60)).until(() -> rowsDone(tenant) >= DEALS / 4);
    first.close(); // the worker dies: threads interrupted, connections closed under their statements
    interrupted.handle((p, e) -> p).get(30, TimeUnit.SECONDS);
    long committed = rowsDone(tenant);
    assertThat(committed).isBetween((long) DEALS / 4, (long) DEALS - 1);
    assertThat(CrmFleet.scalar(tenant, "SELECT count(*) FROM deals WHERE tenant_id = :tenant AND touched = 1"))
        .as("rows of committed batches, each once").isEqualTo(committed);

    try (WorkerHarness second = harness(List.of(tenant), smallBatches)) {
      Progress resumed = second.run(tenant, "test-increment", Phase.MIGRATE);
      assertThat(resumed.state()).as(resumed.error()).isEqualTo(ProgressState.SUCCEEDED);
      assertThat(second.eventsOf(tenant.tenantId(), ProgressState.RUNNING).get(0).rowsDone())
          .as("resumed from the last committed batch").isEqualTo(committed);
    }
    assertThat(CrmFleet.scalar(tenant, "SELECT count(*) FROM deals WHERE tenant_id = :tenant AND touched = 1"))
        .isEqualTo(DEALS);
    assertThat(CrmFleet.scalar(tenant, "SELECT count(*) FROM deals WHERE tenant_id = :tenant AND touched <> 1"))
        .as("no batch twice, none skipped").isZero();
    assertThat(CrmFleet.scalar(tenant, "SELECT count(*) FROM deals WHERE tenant_id <> :tenant AND touched <> 0"))
        .as("the other tenant untouched").isZero();
  }

  @Test
  void shouldRetryWhileAnotherSessionHoldsTheTableLockAndSucceedOnceReleased() throws Exception {
    TenantPlacement tenant = CrmFleet.schemas(Pg.uniqueId("locks"), "lock", 1, 10).get(0);
    try (WorkerHarness harness = WorkerHarness.standard(List.of(tenant));
         Connection blocker = Pg.connect(tenant.database()); Statement statement = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      statement.execute("LOCK TABLE " + tenant.schema() + ".deals IN ACCESS EXCLUSIVE MODE");
      CompletableFuture<Progress> expand =
          harness.worker.submit(MigrationCommand.of("rel-1", tenant.tenantId(), DEAL_STAGES, Phase.EXPAND));
      await().atMost(Duration.ofSeconds(30))
          .until(() -> !harness.eventsOf(tenant.tenantId(), ProgressState.RETRYING).isEmpty());
      assertThat(expand).isNotDone();
      blocker.rollback();
      Progress done = expand.get(30, TimeUnit.SECONDS);
      assertThat(done.state()).isEqualTo(ProgressState.SUCCEEDED);
      assertThat(harness.eventsOf(tenant.tenantId(), ProgressState.RETRYING).get(0).error())
          .contains("lock timeout", "55P03");
    }
  }

  @Test
  void shouldFailASyntaxErrorAtOnceWithoutRetry() throws Exception {
    TenantPlacement tenant = CrmFleet.schemas(Pg.uniqueId("syntax"), "syn", 1, 10).get(0);
    try (WorkerHarness harness = WorkerHarness.standard(List.of(tenant))) {
      Progress failed = harness.run(tenant, "test-broken-syntax", Phase.EXPAND);
      assertThat(failed.state()).isEqualTo(ProgressState.FAILED);
      assertThat(failed.error()).contains("syntax error", "42601");
      assertThat(harness.eventsOf(tenant.tenantId(), ProgressState.RETRYING)).isEmpty();
      assertThat(CrmFleet.scalar(tenant, "SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass('deals')"
          + " AND attname = 'oops'")).isZero();
    }
  }

  @Test
  void shouldReannounceARedeliveredCommandWithoutRunningItAgain() throws Exception {
    TenantPlacement tenant = CrmFleet.schemas(Pg.uniqueId("redeliver"), "red", 1, 50).get(0);
    try (WorkerHarness harness = WorkerHarness.standard(List.of(tenant))) {
      harness.run(tenant, DEAL_STAGES, Phase.EXPAND);
      MigrationCommand migrate = MigrationCommand.of("rel-1", tenant.tenantId(), DEAL_STAGES, Phase.MIGRATE);
      assertThat(harness.run(migrate).state()).isEqualTo(ProgressState.SUCCEEDED);
      String history = historySnapshot(tenant);
      String data = CrmFleet.checksum(tenant, "deals", "deal_stages");
      int startedBefore = harness.eventsOf(tenant.tenantId(), ProgressState.STARTED).size();

      Progress again = harness.run(migrate);

      assertThat(again.state()).isEqualTo(ProgressState.SUCCEEDED);
      assertThat(again.rowsDone()).isEqualTo(50);
      assertThat(harness.eventsOf(tenant.tenantId(), ProgressState.STARTED)).hasSize(startedBefore);
      assertThat(historySnapshot(tenant)).isEqualTo(history);
      assertThat(CrmFleet.checksum(tenant, "deals", "deal_stages")).isEqualTo(data);
    }
  }

  @Test
  void shouldFailWithDriftWhenAnAppliedScriptChanged(@TempDir Path sets) throws Exception {
    TenantPlacement tenant = CrmFleet.schemas(Pg.uniqueId("drift"), "drift", 1, 10).get(0);
    try (WorkerHarness harness = WorkerHarness.standard(List.of(tenant))) {
      harness.run(tenant, DEAL_STAGES, Phase.EXPAND);
    }
    copySet(DEAL_STAGES, sets);
    Files.writeString(sets.resolve(DEAL_STAGES).resolve("expand.sql"), "-- edited after release\n",
        java.nio.file.StandardOpenOption.APPEND);
    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    directory.put(tenant);
    try (WorkerHarness edited = new WorkerHarness(directory, new MigrationSetLoader(sets), BackfillSettings.DEFAULT,
        FleetLimits.of(2, 2))) {
      Progress drift = edited.run(tenant, DEAL_STAGES, Phase.MIGRATE);
      assertThat(drift.state()).isEqualTo(ProgressState.FAILED);
      assertThat(drift.error()).contains("checksum drift", "expand.sql");
    }
  }

  @Test
  void shouldRefuseATenantOfAnotherRegionWithoutRunningSql() throws Exception {
    TenantPlacement local = CrmFleet.schemas(Pg.uniqueId("residency"), "res", 1, 10).get(0);
    TenantPlacement foreign = new TenantPlacement(local.tenantId(), "us-east", TenancyModel.SCHEMA, local.cluster(),
        local.database(), local.schema());
    try (WorkerHarness harness = WorkerHarness.standard(List.of(foreign))) {
      Progress refused = harness.run(foreign, DEAL_STAGES, Phase.EXPAND);
      assertThat(refused.state()).isEqualTo(ProgressState.FAILED);
      assertThat(refused.error()).contains("residency", "us-east", "eu-west", "no SQL was run");
    }
    assertThat(CrmFleet.scalar(local, "SELECT count(*) FROM pg_class WHERE relname IN ('deal_stages',"
        + " 'tenantwave_migration_history')")).isZero();
  }

  private static WorkerHarness harness(List<TenantPlacement> tenants, BackfillSettings backfill) {
    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    tenants.forEach(directory::put);
    return new WorkerHarness(directory, MigrationSetLoader.classpath(), backfill, FleetLimits.of(4, 4));
  }

  private static long rowsDone(TenantPlacement tenant) throws Exception {
    return CrmFleet.scalar(tenant, "SELECT coalesce(max(rows_done), 0) FROM tenantwave_migration_history"
        + " WHERE tenant_id = :tenant AND phase = 'MIGRATE'");
  }

  private static String historySnapshot(TenantPlacement tenant) throws Exception {
    return CrmFleet.checksum(tenant, "tenantwave_migration_history");
  }

  private static void copySet(String name, Path target) throws IOException {
    Path folder = Files.createDirectories(target.resolve(name));
    for (String file : List.of("manifest.properties", "expand.sql", "migrate.sql", "contract.sql",
        "rollback-migrate.sql", "rollback-expand.sql", "verify.sql")) {
      try (InputStream in = FaultsIT.class.getResourceAsStream("/migrations/" + name + "/" + file)) {
        Files.copy(in, folder.resolve(file));
      }
    }
  }
}
