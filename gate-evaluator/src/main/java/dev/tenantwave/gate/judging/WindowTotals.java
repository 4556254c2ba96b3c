package dev.tenantwave.gate.judging;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.Store;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import dev.tenantwave.events.LatencySketch;
import dev.tenantwave.events.TenantRequestMetrics;
import java.util.Arrays;
import java.util.List;

/**
 * Running sums of one tenant on one app version: a window's total, or the total of its closed windows.
 *
 * <p>Latencies are the DDSketch bins as a primitive array (the count of bin {@code binOffset + i} at {@code i}):
 * a record's bins are added in place, with no boxed lists and no sketch per record, and the store's serde writes
 * them in one plain loop. A DataDog {@link DDSketch} is built from them only when a gate reads a quantile, and kept
 * until the next addition.
 */
public final class WindowTotals {

  private static final double[] NO_BINS = new double[0];

  private final String tenantId;
  private final String appVersion;
  private final double relativeAccuracy;
  private long windowStart;
  private long windowEnd;
  private long records;
  private long requests;
  private long status4xx;
  private long status5xx;
  private long timeouts;
  private double zeroCount;
  private int binOffset;
  private double[] bins;
  private DDSketch sketch;

  public WindowTotals(String tenantId, String appVersion, long windowStart, long windowEnd,
      double relativeAccuracy) {
    this(tenantId, appVersion, windowStart, windowEnd, 0, 0, 0, 0, 0, relativeAccuracy, 0, 0, NO_BINS);
  }

  /** Totals as stored: {@code bins[i]} is the count of bin index {@code binOffset + i}. */
  public WindowTotals(String tenantId, String appVersion, long windowStart, long windowEnd, long records,
      long requests, long status4xx, long status5xx, long timeouts, double relativeAccuracy, double zeroCount,
      int binOffset, double[] bins) {
    this.tenantId = tenantId;
    this.appVersion = appVersion;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.records = records;
    this.requests = requests;
    this.status4xx = status4xx;
    this.status5xx = status5xx;
    this.timeouts = timeouts;
    this.relativeAccuracy = relativeAccuracy;
    this.zeroCount = zeroCount;
    this.binOffset = binOffset;
    this.bins = bins;
  }

  /** Adds one published record (same sketch accuracy and ascending, bounded indexes: checked when decoded). */
  public WindowTotals add(TenantRequestMetrics m) {
    records++;
    requests += m.getRequests();
    status4xx += m.getStatus4xx();
    status5xx += m.getStatus5xx();
    timeouts += m.getTimeouts();
    LatencySketch latency = m.getLatency();
    List<Integer> indexes = latency.getIndexes();
    List<Double> counts = latency.getCounts();
    int n = indexes.size();
    if (n > 0) {
      cover(IntList.intAt(indexes, 0), IntList.intAt(indexes, n - 1));
      double[] b = bins;
      int offset = binOffset;
      if (indexes instanceof IntList ints && counts instanceof DoubleList doubles) {
        for (int k = 0; k < n; k++) {
          b[ints.getInt(k) - offset] += doubles.getDouble(k);
        }
      } else {
        for (int k = 0; k < n; k++) {
          b[indexes.get(k) - offset] += counts.get(k);
        }
      }
    }
    zeroCount += latency.getZeroCount();
    sketch = null;
    return this;
  }

  /** Grows the bounds to span {@code [start, end)}. */
  public WindowTotals span(long start, long end) {
    windowStart = Math.min(windowStart, start);
    windowEnd = Math.max(windowEnd, end);
    return this;
  }

  /** Adds a closed window; the bounds grow to span it. */
  public WindowTotals addWindow(WindowTotals window) {
    records += window.records;
    requests += window.requests;
    status4xx += window.status4xx;
    status5xx += window.status5xx;
    timeouts += window.timeouts;
    zeroCount += window.zeroCount;
    if (window.bins.length > 0) {
      cover(window.binOffset, window.binOffset + window.bins.length - 1);
      for (int i = 0; i < window.bins.length; i++) {
        bins[window.binOffset + i - binOffset] += window.bins[i];
      }
    }
    windowStart = Math.min(windowStart, window.windowStart);
    windowEnd = Math.max(windowEnd, window.windowEnd);
    sketch = null;
    return this;
  }

  /** Grows the bin array to hold indexes {@code min..max}. */
  private void cover(int min, int max) {
    if (bins.length == 0) {
      binOffset = min;
      bins = new double[max - min + 1];
      return;
    }
    int from = Math.min(min, binOffset);
    int to = Math.max(max, binOffset + bins.length - 1);
    if (from == binOffset && to == binOffset + bins.length - 1) {
      return;
    }
    double[] grown = new double[to - from + 1];
    System.arraycopy(bins, 0, grown, binOffset - from, bins.length);
    bins = grown;
    binOffset = from;
  }

  /** The latency at quantile q (0..1) from DataDog's DDSketch, or NaN when no latency was recorded. */
  public double quantile(double q) {
    DDSketch s = sketch();
    return s.isEmpty() ? Double.NaN : s.getValueAtQuantile(q);
  }

  /** How many latencies the totals hold, and how many of them lie above the given value. */
  public LatencySketches.Tail tailAbove(double value) {
    LogarithmicMapping mapping = LatencySketches.mapping(relativeAccuracy);
    double total = zeroCount;
    double above = 0;
    for (int i = 0; i < bins.length; i++) {
      total += bins[i];
      if (bins[i] > 0 && mapping.value(binOffset + i) > value) {
        above += bins[i];
      }
    }
    return new LatencySketches.Tail(total, above);
  }

  private DDSketch sketch() {
    if (sketch == null) {
      Store positive = new UnboundedSizeDenseStore();
      for (int i = 0; i < bins.length; i++) {
        positive.add(binOffset + i, bins[i]);
      }
      sketch = DDSketch.of(LatencySketches.mapping(relativeAccuracy), new UnboundedSizeDenseStore(), positive,
          zeroCount);
    }
    return sketch;
  }

  /** Requests that failed on the server's side: 5xx answers and timeouts (4xx are the client's). */
  public long serverErrors() {
    return Math.min(requests, status5xx + timeouts);
  }

  public String tenantId() {
    return tenantId;
  }

  public String appVersion() {
    return appVersion;
  }

  public long windowStart() {
    return windowStart;
  }

  public long windowEnd() {
    return windowEnd;
  }

  /** How many published records these totals sum. */
  public long records() {
    return records;
  }

  public long requests() {
    return requests;
  }

  public long status4xx() {
    return status4xx;
  }

  public long status5xx() {
    return status5xx;
  }

  public long timeouts() {
    return timeouts;
  }

  public double relativeAccuracy() {
    return relativeAccuracy;
  }

  /** Latencies too small for the sketch's mapping (about 0 ms). */
  public double zeroCount() {
    return zeroCount;
  }

  /** The index of the first bin of {@link #bins()}. */
  public int binOffset() {
    return binOffset;
  }

  /** The bin counts, dense from {@link #binOffset()}; the live array, not a copy (for the store's serde). */
  public double[] bins() {
    return bins;
  }

  @Override
  public String toString() {
    return tenantId + "|" + appVersion + " [" + windowStart + ", " + windowEnd + ") " + requests + " requests, bins "
        + binOffset + ":" + Arrays.toString(bins);
  }
}
