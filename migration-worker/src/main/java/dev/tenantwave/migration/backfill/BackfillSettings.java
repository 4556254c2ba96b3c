package dev.tenantwave.migration.backfill;

/** Keyset batches: target duration, size bounds, and how often foreground pressure is sampled. */
public record BackfillSettings(
    long targetBatchMillis, int minBatchSize, int maxBatchSize, int initialBatchSize, boolean throttle,
    long progressIntervalMillis) {

  public static final BackfillSettings DEFAULT = new BackfillSettings(250, 100, 20_000, 1_000, true, 1_000);

  public AdaptiveBatchSize newBatchSize() {
    return new AdaptiveBatchSize(targetBatchMillis, minBatchSize, maxBatchSize, initialBatchSize);
  }

  public BackfillSettings withFixedBatchSize(int size) {
    return new BackfillSettings(targetBatchMillis, size, size, size, throttle, progressIntervalMillis);
  }

  public BackfillSettings withThrottle(boolean enabled) {
    return new BackfillSettings(targetBatchMillis, minBatchSize, maxBatchSize, initialBatchSize, enabled,
        progressIntervalMillis);
  }
}
