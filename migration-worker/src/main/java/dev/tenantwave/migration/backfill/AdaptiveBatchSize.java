package dev.tenantwave.migration.backfill;

/**
 * Sizes keyset batches so each takes about {@code targetMillis}: the next size scales with target / observed
 * time, moving at most by half or double per batch so one slow batch cannot swing it wildly.
 */
public final class AdaptiveBatchSize {

  private final long targetMillis;
  private final int min;
  private final int max;
  private int current;

  public AdaptiveBatchSize(long targetMillis, int min, int max, int initial) {
    if (min < 1 || max < min || initial < min || initial > max || targetMillis < 1) {
      throw new IllegalArgumentException("need 1 <= min <= initial <= max and targetMillis >= 1");
    }
    this.targetMillis = targetMillis;
    this.min = min;
    this.max = max;
    this.current = initial;
  }

  public long targetMillis() {
    return targetMillis;
  }

  public int current() {
    return current;
  }

  /** Adjusts after a batch of {@code rows} rows that took {@code elapsedMillis}. */
  public int observe(int rows, double elapsedMillis) {
    return observe(rows, elapsedMillis, targetMillis);
  }

  /** As {@link #observe(int, double)}, aiming at {@code target} millis this time (a throttle may ask for less). */
  public int observe(int rows, double elapsedMillis, long target) {
    if (rows < current) {
      return current; // the last, short batch says nothing about speed
    }
    double factor = target / Math.max(0.01, elapsedMillis);
    factor = Math.max(0.5, Math.min(2.0, factor));
    current = clamp((int) Math.round(current * factor));
    return current;
  }

  /** After a failed batch (timeout, lock): try a smaller one. */
  public int shrink() {
    current = clamp(current / 2);
    return current;
  }

  private int clamp(int size) {
    return Math.max(min, Math.min(max, size));
  }
}
