package dev.tenantwave.migration.testing;

import dev.tenantwave.migration.backfill.BackfillSettings;
import dev.tenantwave.migration.database.ConnectionPools;
import dev.tenantwave.migration.database.JdbcPhaseRunner;
import dev.tenantwave.migration.database.Timeouts;
import dev.tenantwave.migration.retry.RetrySettings;
import dev.tenantwave.migration.run.FleetLimits;
import dev.tenantwave.migration.run.MigrationCommand;
import dev.tenantwave.migration.run.MigrationWorker;
import dev.tenantwave.migration.run.Progress;
import dev.tenantwave.migration.run.ProgressState;
import dev.tenantwave.migration.set.MigrationSetLoader;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.tenancy.InMemoryTenantDirectory;
import dev.tenantwave.migration.tenancy.PlacementGuard;
import dev.tenantwave.migration.tenancy.Residency;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/** One worker instance wired as in production, on the test PostgreSQL, recording every progress it reports. */
public final class WorkerHarness implements AutoCloseable {

  public static final RetrySettings FAST_RETRY =
      new RetrySettings(8, Duration.ofMillis(50), Duration.ofMillis(500), 0.25);

  public final InMemoryTenantDirectory directory;
  // a queue, not a copy-on-write list: the fleet benchmark records tens of thousands of events
  public final Queue<Progress> events = new ConcurrentLinkedQueue<>();
  public final ConnectionPools pools;
  public final JdbcPhaseRunner runner;
  public final MigrationWorker worker;

  public WorkerHarness(InMemoryTenantDirectory directory, MigrationSetLoader sets, BackfillSettings backfill,
      FleetLimits limits) {
    this(directory, sets, backfill, limits, PlacementGuard.withDefaults());
  }

  public WorkerHarness(InMemoryTenantDirectory directory, MigrationSetLoader sets, BackfillSettings backfill,
      FleetLimits limits, PlacementGuard placements) {
    this.directory = directory;
    this.pools = CrmFleet.pools(limits.perCluster() + 2);
    this.runner = new JdbcPhaseRunner(pools, directory, Timeouts.DEFAULT, FAST_RETRY, backfill);
    this.worker = new MigrationWorker(directory, new Residency(Set.of(CrmFleet.REGION)), placements, sets::load,
        runner, events::add, limits);
  }

  public static WorkerHarness standard(Collection<TenantPlacement> tenants) {
    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    tenants.forEach(directory::put);
    return new WorkerHarness(directory, MigrationSetLoader.classpath(), BackfillSettings.DEFAULT, FleetLimits.of(8, 8));
  }

  public Progress run(TenantPlacement tenant, String set, Phase phase) {
    return run(MigrationCommand.of("rel-1", tenant.tenantId(), set, phase));
  }

  public Progress run(MigrationCommand command) {
    try {
      return worker.submit(command).get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs the phase for every tenant at once (within the fleet limits) and returns their final progress. */
  public List<Progress> runAll(Collection<TenantPlacement> tenants, String set, Phase phase) {
    List<CompletableFuture<Progress>> futures = tenants.stream()
        .map(t -> worker.submit(MigrationCommand.of("rel-1", t.tenantId(), set, phase))).toList();
    return futures.stream().map(CompletableFuture::join).toList();
  }

  public List<Progress> eventsOf(String tenantId, ProgressState state) {
    return events.stream().filter(e -> e.command().tenantId().equals(tenantId) && e.state() == state).toList();
  }

  @Override
  public void close() {
    worker.close();
    runner.close();
    pools.close();
  }
}
