package dev.tenantwave.migration.backfill;

/**
 * Backs a backfill off when the database is under pressure, AIMD style. Pressure is a batch slower per row than
 * {@code latencyFactor} times the baseline (a moving average of the per-row time while no foreground session was
 * busy), or foreground sessions busy on the same database. Under pressure the duty cycle (share of time spent working)
 * is cut multiplicatively; without it, it recovers additively. The pause after a batch keeps that duty cycle.
 * One throttle serves every backfill of a database: pressure is the database's, and a tenant's backfill may be
 * only a batch or two long.
 */
public final class Throttle {

  private final double latencyFactor;
  private final double minDuty;
  private final long maxPauseMillis;
  private double baselineMicrosPerRow = Double.NaN;
  private double duty = 1.0;

  public Throttle(double latencyFactor, double minDuty, long maxPauseMillis) {
    this.latencyFactor = latencyFactor;
    this.minDuty = minDuty;
    this.maxPauseMillis = maxPauseMillis;
  }

  public static Throttle standard() {
    return new Throttle(3.0, 0.05, 1_000);
  }

  /**
   * @param foregroundBusy sessions other than the worker's that are active on the database right now
   * @return how long to pause before the next batch
   */
  public synchronized long pauseAfter(int rows, long batchMillis, int foregroundBusy) {
    boolean pressure = foregroundBusy > 0;
    if (rows > 0) {
      double microsPerRow = Math.max(1.0, batchMillis * 1000.0 / rows);
      pressure |= !Double.isNaN(baselineMicrosPerRow) && microsPerRow > baselineMicrosPerRow * latencyFactor;
      if (foregroundBusy == 0) { // the baseline learns only from quiet times
        baselineMicrosPerRow = Double.isNaN(baselineMicrosPerRow) ? microsPerRow
            : 0.9 * baselineMicrosPerRow + 0.1 * microsPerRow;
      }
    }
    duty = pressure ? Math.max(minDuty, duty * 0.5) : Math.min(1.0, duty + 0.1);
    return Math.min(maxPauseMillis, Math.round(batchMillis * (1.0 / duty - 1.0)));
  }

  public synchronized double duty() {
    return duty;
  }
}
