package dev.tenantwave.migration.backfill;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * Paces the backfills of one database so its foreground keeps its tail latency, on signals that see what the
 * foreground sees (gh-ost and pt-osc throttle on heartbeat lag and load the same way):
 * <ul>
 *   <li>a heartbeat: the latency of a tiny synchronous write transaction, sampled every ~200 ms, against its quiet
 *       baseline (the lower envelope of its recent medians) - a commit waits for the WAL flush and the CPU the
 *       backfill takes, as a foreground commit does;</li>
 *   <li>foreground sessions waiting on a lock (the backfill's batches lock the rows they update).</li>
 * </ul>
 * Alone, the backfills run flat out and side by side. While a foreground is active:
 * <ul>
 *   <li>the database's backfills take turns, one batch at a time, and together work at most
 *       {@code foregroundDuty} of the time (gh-ost's nice ratio): each batch is followed by a pause before the next
 *       one of any of them - a batch in flight is a backend taking a core from the foreground;</li>
 *   <li>below that cap the duty cycle is adaptive, AIMD: each heartbeat under pressure halves it, each without adds
 *       a little back;</li>
 *   <li>batches aim at {@code gentleBatchMillis} (1 ms): a foreground commit flushes the WAL the backfill wrote
 *       before it, so what hurts its tail is the size of a batch more than the backfill's rate (docs/benchmarks.md,
 *       "Backfill batch size and the foreground").</li>
 * </ul>
 * Usage per batch: {@link #awaitTurn()}, the batch, {@link #batchDone(double)} (also when it failed).
 */
public final class Throttle {

  /** What the database showed at one heartbeat. */
  public record Signals(int foregroundActive, int foregroundWaitingOnLocks, double heartbeatMillis) {}

  private static final int WINDOW = 5;

  private final double heartbeatFactor;
  private final double minDuty;
  private final double foregroundDuty;
  private final long maxPauseMillis;
  private final long gentleBatchMillis;
  private final Deque<Double> heartbeats = new ArrayDeque<>();
  private double heartbeatBaseline = Double.NaN;
  private boolean foreground;
  private double duty = 1.0;
  private int inFlight;
  private long nextTurnNanos = System.nanoTime();

  public Throttle(double heartbeatFactor, double minDuty, double foregroundDuty, long maxPauseMillis,
      long gentleBatchMillis) {
    if (!(minDuty > 0 && minDuty <= foregroundDuty && foregroundDuty <= 1)) {
      throw new IllegalArgumentException("need 0 < minDuty <= foregroundDuty <= 1, got " + minDuty + " and "
          + foregroundDuty);
    }
    this.heartbeatFactor = heartbeatFactor;
    this.minDuty = minDuty;
    this.foregroundDuty = foregroundDuty;
    this.maxPauseMillis = maxPauseMillis;
    this.gentleBatchMillis = gentleBatchMillis;
  }

  public static Throttle standard(double foregroundDuty) {
    return new Throttle(1.3, Math.min(0.02, foregroundDuty), foregroundDuty, 2_000, 1);
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
    if (pressure) {
      duty = Math.max(minDuty, Math.min(duty, foregroundDuty) * 0.5);
    } else if (foreground) {
      duty = Math.min(foregroundDuty, duty + 0.05);
    } else {
      duty = Math.min(1.0, duty + 0.2);
    }
    notifyAll(); // a waiting backfill may go now
  }

  /** Blocks until this backfill may run its next batch: at once when unpaced, else when its turn comes. */
  public synchronized void awaitTurn() throws InterruptedException {
    while (paced() && (inFlight > 0 || System.nanoTime() < nextTurnNanos)) {
      long waitNanos = inFlight > 0 ? TimeUnit.MILLISECONDS.toNanos(maxPauseMillis) : nextTurnNanos - System.nanoTime();
      TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, waitNanos));
    }
    inFlight++;
  }

  /** The batch that {@link #awaitTurn()} let run took {@code batchMillis}; the next turn comes after its pause. */
  public synchronized void batchDone(double batchMillis) {
    inFlight = Math.max(0, inFlight - 1);
    nextTurnNanos = System.nanoTime() + pauseMicrosAfter(batchMillis) * 1_000;
    notifyAll();
  }

  /**
   * @return how long the database's backfills pause after a batch that took {@code batchMillis}, in microseconds:
   *     they work batchMillis out of batchMillis + pause, that is {@code duty} of the time
   */
  synchronized long pauseMicrosAfter(double batchMillis) {
    if (!paced()) {
      return 0;
    }
    double pauseMillis = Math.max(0.1, batchMillis) * (1.0 / duty - 1.0);
    return Math.round(Math.min(maxPauseMillis, pauseMillis) * 1000);
  }

  private boolean paced() {
    return duty < 1.0 || foreground;
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

  @Override
  public synchronized String toString() {
    return "Throttle[duty=" + duty + ", foreground=" + foreground + ", inFlight=" + inFlight + ", baseline="
        + heartbeatBaseline + ", heartbeats=" + Arrays.toString(heartbeats.toArray()) + ']';
  }
}
