package dev.tenantwave.migration.run;

import dev.tenantwave.migration.set.MigrationSet;
import dev.tenantwave.migration.tenancy.PlacementGuard;
import dev.tenantwave.migration.tenancy.Residency;
import dev.tenantwave.migration.tenancy.TenantDirectory;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * Accepts migration commands for the fleet: refuses what it must not touch (another region, unknown tenant or
 * set, a placement the placement rule forbids) before any SQL, then runs each tenant's commands in order, with at most {@link FleetLimits#global()}
 * tenants at once and at most {@link FleetLimits#forCluster} per database cluster. A command ends when its final
 * progress is delivered, and the tenant's next command starts only then. A tenant the directory does not know is
 * refused only once the directory has read the catalog to its end as of now: it may have been created a moment ago.
 */
public class MigrationWorker implements AutoCloseable {

  /** How long a command for a tenant the directory does not know waits for the directory to read the catalog's end. */
  private static final Duration CATALOG_CATCH_UP = Duration.ofSeconds(5);

  private final TenantDirectory directory;
  private final Residency residency;
  private final PlacementGuard placements;
  private final Function<String, MigrationSet> sets;
  private final PhaseRunner runner;
  private final ProgressListener listener;
  private final FleetLimits limits;
  private final Semaphore global;
  private final Map<String, ExecutorService> clusterExecutors = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Progress>> tenantTails = new ConcurrentHashMap<>();
  private final Set<CompletableFuture<Void>> deliveries = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;

  public MigrationWorker(TenantDirectory directory, Residency residency, Function<String, MigrationSet> sets,
      PhaseRunner runner, ProgressListener listener, FleetLimits limits) {
    this(directory, residency, PlacementGuard.withDefaults(), sets, runner, listener, limits);
  }

  public MigrationWorker(TenantDirectory directory, Residency residency, PlacementGuard placements,
      Function<String, MigrationSet> sets, PhaseRunner runner, ProgressListener listener, FleetLimits limits) {
    this.directory = directory;
    this.residency = residency;
    this.placements = placements;
    this.sets = sets;
    this.runner = runner;
    this.listener = listener;
    this.limits = limits;
    this.global = new Semaphore(limits.global(), true);
  }

  /**
   * Waits until the worker's tenant directory has read the whole catalog; false on timeout. Commands taken before
   * would be refused as "unknown tenant" for tenants the directory has not read yet.
   */
  public boolean awaitDirectory(Duration timeout) throws InterruptedException {
    return directory.awaitReady(timeout);
  }

  /**
   * Completes with the final progress of the command once the listener has delivered it, or exceptionally when the
   * worker stops first. A progress whose error starts with "worker stopped" was not delivered either.
   */
  public CompletableFuture<Progress> submit(MigrationCommand command) {
    return accept(command, false);
  }

  /** A command delivered again (the inbox has it): announce its recorded result instead of running it. */
  public CompletableFuture<Progress> redelivered(MigrationCommand command) {
    return accept(command, true);
  }

  private CompletableFuture<Progress> accept(MigrationCommand command, boolean duplicate) {
    Optional<TenantPlacement> tenant;
    try {
      tenant = lookUp(command.tenantId());
    } catch (IllegalArgumentException e) {
      return refuse(command, "placement refused: the catalog's entry for tenant '" + command.tenantId()
          + "' breaks the placement rule: " + e.getMessage() + "; fix it in the catalog; no SQL was run");
    }
    if (tenant.isEmpty()) {
      return refuse(command, "unknown tenant '" + command.tenantId() + "': the catalog has no entry for it");
    }
    Optional<String> violation = residency.violation(tenant.get())
        .or(() -> placements.violation(tenant.get(), directory));
    if (violation.isPresent()) {
      return refuse(command, violation.get());
    }
    MigrationSet set;
    try {
      set = sets.apply(command.migrationSet());
    } catch (RuntimeException e) {
      return refuse(command, e.getMessage());
    }
    ExecutorService executor = clusterExecutors.computeIfAbsent(tenant.get().cluster(), this::newClusterExecutor);
    CompletableFuture<Progress> result = tenantTails.compute(command.tenantId(), (id, previous) -> {
      CompletableFuture<Progress> after = previous == null ? CompletableFuture.completedFuture(null) : previous;
      return after.handle((ignored, error) -> null)
          .thenComposeAsync(ignored -> runLimited(tenant.get(), set, command, duplicate), executor);
    });
    result.whenComplete((progress, error) -> tenantTails.remove(command.tenantId(), result));
    return result;
  }

  /** The tenant's placement; one the directory does not know is looked up again once it has caught up. */
  private Optional<TenantPlacement> lookUp(String tenantId) {
    Optional<TenantPlacement> tenant = directory.find(tenantId);
    if (tenant.isPresent()) {
      return tenant;
    }
    try {
      return directory.awaitCurrent(CATALOG_CATCH_UP) ? directory.find(tenantId) : tenant;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return tenant;
    }
  }

  private CompletableFuture<Progress> runLimited(TenantPlacement tenant, MigrationSet set, MigrationCommand command,
      boolean duplicate) {
    try {
      global.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.completedFuture(Progress.failed(command, "worker stopped before the phase", 0, null));
    }
    CommandProgress progress = new CommandProgress();
    try (MDC.MDCCloseable tenantId = MDC.putCloseable("tenantId", command.tenantId());
         MDC.MDCCloseable releaseId = MDC.putCloseable("releaseId", command.releaseId())) {
      return progress.delivered(duplicate ? runner.reannounce(tenant, set, command, progress)
          : runner.run(tenant, set, command, progress));
    } catch (RuntimeException e) {
      return announce(Progress.failed(command, "unexpected error: " + e, 0, null));
    } finally {
      global.release();
    }
  }

  private CompletableFuture<Progress> refuse(MigrationCommand command, String reason) {
    return announce(Progress.failed(command, reason, 0, null));
  }

  private CompletableFuture<Progress> announce(Progress finalProgress) {
    return deliver(finalProgress).thenApply(delivered -> finalProgress);
  }

  /** Delivered, or retried until the worker stops: then cancelled, and the command stays undone. */
  private CompletableFuture<Void> deliver(Progress finalProgress) {
    CompletableFuture<Void> delivery = listener.onFinalProgress(finalProgress);
    deliveries.add(delivery);
    delivery.whenComplete((ignored, error) -> deliveries.remove(delivery));
    if (stopped) {
      delivery.cancel(false);
    }
    return delivery;
  }

  /** One command's progress on its way to the listener; the final one is delivered, the others passed on. */
  private final class CommandProgress implements ProgressListener {

    private volatile CompletableFuture<Void> delivery;

    @Override
    public void onProgress(Progress progress) {
      if (progress.state().isFinal()) {
        delivery = deliver(progress);
      } else {
        listener.onProgress(progress);
      }
    }

    /** The final progress the runner returned, once delivered; one it did not report (a stop) at once. */
    CompletableFuture<Progress> delivered(Progress finalProgress) {
      CompletableFuture<Void> sent = delivery;
      return sent == null ? CompletableFuture.completedFuture(finalProgress) : sent.thenApply(ignored -> finalProgress);
    }
  }

  private ExecutorService newClusterExecutor(String cluster) {
    AtomicInteger counter = new AtomicInteger();
    return Executors.newFixedThreadPool(limits.forCluster(cluster), r -> {
      Thread thread = new Thread(r, "migrate-" + cluster + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Stops at once: running tenants are interrupted and resume from their history on the next start; answers not yet
   * delivered are given up, so their commands are redelivered and announced again from the history.
   */
  @Override
  public void close() {
    stopped = true;
    clusterExecutors.values().forEach(ExecutorService::shutdownNow);
    deliveries.forEach(delivery -> delivery.cancel(false));
  }
}
