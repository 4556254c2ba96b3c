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
 *   <li>foreground sessions waiting on a lock (the backfill's batches lock the rows they update);</li>
 *   <li>a batch slower per row than {@code 3x} its quiet baseline.</li>
 * </ul>
 * Pressure counts only while a foreground is active: alone, the backfill runs flat out. Each heartbeat under
 * pressure halves the duty cycle (the share of time the database's backfills work); each without adds a little
 * back. While a foreground is active batches aim at {@code gentleBatchMillis}, so they hold their row locks and
 * fill the WAL only briefly. The pause after a batch spreads the duty over the backfills running concurrently, so
 * their sum keeps it: fewer tenants are effectively backfilled at once under pressure.
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
  private double baselineMicrosPerRow = Double.NaN;
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
    return new Throttle(1.3, 0.02, 2_000, 10);
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
   * @return how long to pause after a batch of {@code rows} rows that took {@code batchMillis}
   */
  public synchronized long pauseAfter(int rows, long batchMillis) {
    if (rows > 0) {
      double microsPerRow = Math.max(1.0, batchMillis * 1000.0 / rows);
      if (foreground && !Double.isNaN(baselineMicrosPerRow) && microsPerRow > baselineMicrosPerRow * 3) {
        duty = Math.max(minDuty, duty * 0.5);
      }
      if (!foreground) { // the baseline learns only from quiet times
        baselineMicrosPerRow = Double.isNaN(baselineMicrosPerRow) ? microsPerRow
            : 0.9 * baselineMicrosPerRow + 0.1 * microsPerRow;
      }
    }
    if (duty >= 1.0) {
      return 0;
    }
    // each of n concurrent backfills works batchMillis out of batchMillis + pause: together about `duty` of one
    // flat-out backfill once throttled hard (duty / n each), continuous up to duty 1 (no pause)
    int n = Math.max(1, running);
    double each = duty / (1.0 + (n - 1) * (1.0 - duty));
    double pause = Math.max(1, batchMillis) * (1.0 / each - 1.0);
    return Math.min(maxPauseMillis, Math.round(pause));
  }

  /** The batch duration to aim at: short while a foreground is active. */
  public synchronized long targetBatchMillis(long configured) {
    return foreground ? Math.min(configured, gentleBatchMillis) : configured;
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
