package dev.tenantwave.migration.backfill;

/**
 * Keyset batches: target duration and size bounds; the throttle, and the share of the time a database's backfills
 * may work at most while a foreground is active there; how often progress is announced.
 */
public record BackfillSettings(
    long targetBatchMillis, int minBatchSize, int maxBatchSize, int initialBatchSize, boolean throttle,
    double foregroundDuty, long progressIntervalMillis) {

  public static final BackfillSettings DEFAULT = new BackfillSettings(250, 100, 20_000, 1_000, true, 0.1, 1_000);

  public AdaptiveBatchSize newBatchSize() {
    return new AdaptiveBatchSize(targetBatchMillis, minBatchSize, maxBatchSize, initialBatchSize);
  }

  public Throttle newThrottle() {
    return Throttle.standard(foregroundDuty);
  }

  public BackfillSettings withFixedBatchSize(int size) {
    return new BackfillSettings(targetBatchMillis, size, size, size, throttle, foregroundDuty,
        progressIntervalMillis);
  }

  public BackfillSettings withThrottle(boolean enabled) {
    return new BackfillSettings(targetBatchMillis, minBatchSize, maxBatchSize, initialBatchSize, enabled,
        foregroundDuty, progressIntervalMillis);
  }
}
