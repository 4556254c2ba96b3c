package dev.tenantwave.migration.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.migration.set.MigrationSet;
import dev.tenantwave.migration.set.MigrationSetLoader;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.tenancy.InMemoryTenantDirectory;
import dev.tenantwave.migration.tenancy.Residency;
import dev.tenantwave.migration.tenancy.TenancyModel;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A command ends when its final progress is delivered, not when it is handed over; stopping gives the delivery up; a
 * tenant is unknown only once the directory has read the catalog's end.
 */
class MigrationWorkerDeliveryTest {

  private static final String SET = "2026-11-deal-stages";

  private final TenantPlacement tenant =
      new TenantPlacement("acme", "eu-west", TenancyModel.POOLED, "pg-a", "crm_1", null);
  private final List<MigrationCommand> ran = new CopyOnWriteArrayList<>();
  private final List<String> logContext = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<Void>> deliveries = new CopyOnWriteArrayList<>();
  private final MigrationWorker worker;

  MigrationWorkerDeliveryTest() {
    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    directory.put(tenant);
    MigrationSetLoader sets = MigrationSetLoader.classpath();
    worker = new MigrationWorker(directory, new Residency(Set.of("eu-west")), sets::load, new SucceedingRunner(),
        new SlowListener(), FleetLimits.of(4, 4));
  }

  @AfterEach
  void stop() {
    worker.close();
  }

  @Test
  void shouldCompleteACommandOnlyOnceItsFinalProgressIsDelivered() {
    CompletableFuture<Progress> outcome = worker.submit(MigrationCommand.of("rel-1", "acme", SET, Phase.EXPAND));

    await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 1);
    assertThat(outcome).isNotDone();

    deliveries.get(0).complete(null);
    assertThat(outcome).succeedsWithin(Duration.ofSeconds(10))
        .extracting(Progress::state).isEqualTo(ProgressState.SUCCEEDED);
  }

  @Test
  void shouldLogAPhaseWithItsTenantAndReleaseInTheMdc() {
    worker.submit(MigrationCommand.of("rel-1", "acme", SET, Phase.EXPAND));
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 1);
    assertThat(logContext).containsExactly("acme/rel-1");
  }

  @Test
  void shouldStartTheTenantsNextCommandOnlyOnceThePreviousAnswerIsDelivered() {
    worker.submit(MigrationCommand.of("rel-1", "acme", SET, Phase.EXPAND));
    CompletableFuture<Progress> migrate = worker.submit(MigrationCommand.of("rel-1", "acme", SET, Phase.MIGRATE));

    await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 1);
    assertThat(ran).extracting(MigrationCommand::phase).containsExactly(Phase.EXPAND);

    deliveries.get(0).complete(null);
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 2);
    assertThat(ran).extracting(MigrationCommand::phase).containsExactly(Phase.EXPAND, Phase.MIGRATE);
    assertThat(migrate).isNotDone();
  }

  @Test
  void shouldGiveUpAnUndeliveredAnswerWhenStopped() {
    CompletableFuture<Progress> refused = worker.submit(MigrationCommand.of("rel-1", "nobody", SET, Phase.EXPAND));
    CompletableFuture<Progress> run = worker.submit(MigrationCommand.of("rel-1", "acme", SET, Phase.EXPAND));
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 2);

    worker.close();

    assertThat(deliveries).allMatch(CompletableFuture::isCancelled);
    assertThat(refused).failsWithin(Duration.ofSeconds(10));
    assertThat(run).failsWithin(Duration.ofSeconds(10));
  }

  @Test
  void shouldRunACommandForATenantTheDirectoryReadsOnlyWhenAskedToCatchUp() {
    TenantPlacement created = new TenantPlacement("newco", "eu-west", TenancyModel.POOLED, "pg-a", "crm_1", null);
    InMemoryTenantDirectory behind = new InMemoryTenantDirectory() {
      @Override
      public boolean awaitCurrent(Duration timeout) {
        put(created); // the catalog record that had not been read yet
        return true;
      }
    };
    try (MigrationWorker fresh = new MigrationWorker(behind, new Residency(Set.of("eu-west")),
        MigrationSetLoader.classpath()::load, new SucceedingRunner(), new SlowListener(), FleetLimits.of(4, 4))) {
      CompletableFuture<Progress> outcome = fresh.submit(MigrationCommand.of("rel-1", "newco", SET, Phase.EXPAND));
      await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 1);
      deliveries.get(0).complete(null);
      assertThat(outcome).succeedsWithin(Duration.ofSeconds(10))
          .extracting(Progress::state).isEqualTo(ProgressState.SUCCEEDED);
    }
  }

  @Test
  void shouldRefuseATenantTheCatalogStillDoesNotHaveOnceCaughtUp() {
    CompletableFuture<Progress> outcome = worker.submit(MigrationCommand.of("rel-1", "nobody", SET, Phase.EXPAND));
    await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 1);
    deliveries.get(0).complete(null);
    assertThat(outcome).succeedsWithin(Duration.ofSeconds(10)).satisfies(progress -> {
      assertThat(progress.state()).isEqualTo(ProgressState.FAILED);
      assertThat(progress.error()).isEqualTo("unknown tenant 'nobody': the catalog has no entry for it");
    });
    assertThat(ran).isEmpty();
  }

  /** Reports STARTED and SUCCEEDED for every command, touching no database. */
  private final class SucceedingRunner implements PhaseRunner {

    @Override
    public Progress run(TenantPlacement tenant, MigrationSet set, MigrationCommand command,
        ProgressListener listener) {
      ran.add(command);
      logContext.add(org.slf4j.MDC.get("tenantId") + "/" + org.slf4j.MDC.get("releaseId"));
      listener.onProgress(Progress.of(command, ProgressState.STARTED, 0, null));
      Progress succeeded = Progress.of(command, ProgressState.SUCCEEDED, 1, null);
      listener.onProgress(succeeded);
      return succeeded;
    }

    @Override
    public Progress reannounce(TenantPlacement tenant, MigrationSet set, MigrationCommand command,
        ProgressListener listener) {
      return run(tenant, set, command, listener);
    }
  }

  /** Delivers a final progress only when the test completes its future. */
  private final class SlowListener implements ProgressListener {

    @Override
    public void onProgress(Progress progress) {}

    @Override
    public CompletableFuture<Void> onFinalProgress(Progress progress) {
      CompletableFuture<Void> delivery = new CompletableFuture<>();
      deliveries.add(delivery);
      return delivery;
    }
  }
}
