package dev.tenantwave.migration.database;

import dev.tenantwave.migration.run.Progress;
import dev.tenantwave.migration.run.ProgressListener;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Repeats a long step's latest progress at a fixed interval, so that the orchestrator hears from a backfill whose
 * batches are slow. One daemon thread serves every run of the worker.
 */
final class ProgressTicker implements AutoCloseable {

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "migration-progress-ticker");
    thread.setDaemon(true);
    return thread;
  });

  /** Reports {@code first} now and then the latest value of the returned ticking every {@code intervalMillis}. */
  Ticking start(ProgressListener listener, Progress first, long intervalMillis) {
    AtomicReference<Progress> latest = new AtomicReference<>(first);
    listener.onProgress(first);
    ScheduledFuture<?> beat = executor.scheduleAtFixedRate(() -> listener.onProgress(latest.get()),
        intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    return new Ticking(latest, beat);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** One run's ticking: update what it repeats, stop it when the step ends. */
  static final class Ticking implements AutoCloseable {

    private final AtomicReference<Progress> latest;
    private final ScheduledFuture<?> beat;

    private Ticking(AtomicReference<Progress> latest, ScheduledFuture<?> beat) {
      this.latest = latest;
      this.beat = beat;
    }

    void update(Progress progress) {
      latest.set(progress);
    }

    @Override
    public void close() {
      beat.cancel(false);
    }
  }
}
