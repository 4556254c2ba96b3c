package dev.tenantwave.migration.backfill;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Backs the backfills of one database off while its foreground suffers, AIMD style, on signals that see what the
 * foreground sees (gh-ost and pt-osc throttle on heartbeat lag and load the same way):
 * <ul>
 *   <li>a heartbeat: the latency of a tiny synchronous write transaction, sampled every ~200 ms, against its quiet
 *       baseline (the lower envelope of its recent medians) - a commit waits for the WAL flush and the CPU the
 *       backfill takes, as a foreground commit does;</li>
 *   <li>foreground sessions waiting on a lock (the backfill's batches lock the rows they update).</li>
 * </ul>
 * Pressure counts only while a foreground is active: alone, the backfill runs flat out. Each heartbeat under
 * pressure halves the duty cycle (the share of time the database's backfills work); each without adds a little
 * back. While a foreground is active batches aim at {@code gentleBatchMillis} (1 ms): a foreground commit flushes
 * the WAL the backfill wrote before it, so what hurts its tail is the size of a batch more than the backfill's rate
 * (measured: 10 ms batches at a quarter of full speed took the foreground p99 to 4x, 1 ms batches at the same speed
 * to 1.3x). The pause after a batch spreads the duty over the backfills running concurrently, so their sum keeps
 * it: fewer tenants are effectively backfilled at once under pressure.
 */
public final class Throttle {

  /** What the database showed at one heartbeat. */
  public record Signals(int foregroundActive, int foregroundWaitingOnLocks, double heartbeatMillis) {}

  private static final int WINDOW = 5;

  private final double heartbeatFactor;
  private final double minDuty;
  private final long maxPauseMillis;
  private final long gentleBatchMillis;
  private final Deque<Double> heartbeats = new ArrayDeque<>();
  private double heartbeatBaseline = Double.NaN;
  private boolean foreground;
  private double duty = 1.0;
  private int running;

  public Throttle(double heartbeatFactor, double minDuty, long maxPauseMillis, long gentleBatchMillis) {
    this.heartbeatFactor = heartbeatFactor;
    this.minDuty = minDuty;
    this.maxPauseMillis = maxPauseMillis;
    this.gentleBatchMillis = gentleBatchMillis;
  }

  public static Throttle standard() {
    return new Throttle(1.3, 0.02, 2_000, 1);
  }

  /** A backfill of this database starts; pair with {@link #finished()}. */
  public synchronized void started() {
    running++;
  }

  public synchronized void finished() {
    running = Math.max(0, running - 1);
  }

  /** One heartbeat: adjusts the duty cycle. */
  public synchronized void observe(Signals signals) {
    heartbeats.addLast(signals.heartbeatMillis());
    if (heartbeats.size() > WINDOW) {
      heartbeats.removeFirst();
    }
    double[] window = heartbeats.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median = window[window.length / 2];
    // the lower envelope drifts up slowly (about 1%/s), so a lasting change of the machine becomes the new normal
    // but a backfill running flat out for a minute does not
    heartbeatBaseline = Double.isNaN(heartbeatBaseline) ? median : Math.min(median, heartbeatBaseline * 1.002);
    foreground = signals.foregroundActive() > 0;
    boolean pressure = foreground && (signals.foregroundWaitingOnLocks() > 0
        || (heartbeats.size() >= 3 && median > heartbeatBaseline * heartbeatFactor));
    duty = pressure ? Math.max(minDuty, duty * 0.5) : Math.min(1.0, duty + (foreground ? 0.05 : 0.2));
  }

  /**
   * @return how long to pause, in microseconds, after a batch that took {@code batchMillis}
   */
  public synchronized long pauseMicrosAfter(double batchMillis) {
    if (duty >= 1.0) {
      return 0;
    }
    // each of n concurrent backfills works batchMillis out of batchMillis + pause: together about `duty` of one
    // flat-out backfill once throttled hard (duty / n each), continuous up to duty 1 (no pause)
    int n = Math.max(1, running);
    double each = duty / (1.0 + (n - 1) * (1.0 - duty));
    double pauseMillis = Math.max(0.1, batchMillis) * (1.0 / each - 1.0);
    return Math.round(Math.min(maxPauseMillis, pauseMillis) * 1000);
  }

  /** The batch duration to aim at: short while a foreground is active. */
  public synchronized long targetBatchMillis(long configured) {
    return foreground ? Math.min(configured, gentleBatchMillis) : configured;
  }

  /** Whether the last heartbeat saw a foreground. */
  public synchronized boolean foreground() {
    return foreground;
  }

  public synchronized double duty() {
    return duty;
  }

  synchronized double heartbeatBaseline() {
    return heartbeatBaseline;
  }

  @Override
  public synchronized String toString() {
    return "Throttle[duty=" + duty + ", foreground=" + foreground + ", baseline=" + heartbeatBaseline
        + ", heartbeats=" + Arrays.toString(heartbeats.toArray()) + ']';
  }
}
