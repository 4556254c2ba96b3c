package dev.tenantwave.migration.backfill;

/**
 * Backs a backfill off when the database is under pressure, AIMD style. Pressure is a batch slower per row than
 * {@code latencyFactor} times the baseline (the fastest per-row time seen so far, which an idle database sets),
 * or foreground sessions busy on the same database. Under pressure the duty cycle (share of time spent working)
 * is cut multiplicatively; without it, it recovers additively. The pause after a batch keeps that duty cycle.
 */
public final class Throttle {

  private final double latencyFactor;
  private final double minDuty;
  private final long maxPauseMillis;
  private double baselineMicrosPerRow = Double.MAX_VALUE;
  private double duty = 1.0;

  public Throttle(double latencyFactor, double minDuty, long maxPauseMillis) {
    this.latencyFactor = latencyFactor;
    this.minDuty = minDuty;
    this.maxPauseMillis = maxPauseMillis;
  }

  public static Throttle standard() {
    return new Throttle(2.0, 0.05, 1_000);
  }

  /**
   * @param foregroundBusy sessions other than the worker's that are active on the database right now
   * @return how long to pause before the next batch
   */
  public long pauseAfter(int rows, long batchMillis, int foregroundBusy) {
    boolean pressure = foregroundBusy > 0;
    if (rows > 0) {
      double microsPerRow = batchMillis * 1000.0 / rows;
      pressure |= baselineMicrosPerRow != Double.MAX_VALUE && microsPerRow > baselineMicrosPerRow * latencyFactor;
      baselineMicrosPerRow = Math.min(baselineMicrosPerRow, Math.max(microsPerRow, 1.0));
    }
    duty = pressure ? Math.max(minDuty, duty * 0.5) : Math.min(1.0, duty + 0.1);
    return Math.min(maxPauseMillis, Math.round(batchMillis * (1.0 / duty - 1.0)));
  }

  public double duty() {
    return duty;
  }
}
