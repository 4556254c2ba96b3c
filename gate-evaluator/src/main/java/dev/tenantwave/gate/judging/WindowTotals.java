package dev.tenantwave.gate.judging;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.store.Store;
import dev.tenantwave.events.LatencySketch;
import dev.tenantwave.events.TenantRequestMetrics;
import java.util.List;

/**
 * Running sums of one tenant on one app version: a window's total, or the total of its closed windows. Latencies
 * are a live DDSketch whose dense store holds primitive counts: a record's bins are added into it index by index
 * (no boxed lists, no sketch per record), and quantiles are read from it only when a gate asks.
 */
public final class WindowTotals {

  private final String tenantId;
  private final String appVersion;
  private long windowStart;
  private long windowEnd;
  private long records;
  private long requests;
  private long status4xx;
  private long status5xx;
  private long timeouts;
  private final DDSketch latency;
  private double zeroCount;

  public WindowTotals(String tenantId, String appVersion, long windowStart, long windowEnd,
      double relativeAccuracy) {
    this(tenantId, appVersion, windowStart, windowEnd, 0, 0, 0, 0, 0, LatencySketches.newSketch(relativeAccuracy), 0);
  }

  /**
   * Totals as stored; {@code latency} must come from {@link LatencySketches#newSketch(double)}, with
   * {@code zeroCount} latencies too small for its mapping (about 0 ms) already in it.
   */
  public WindowTotals(String tenantId, String appVersion, long windowStart, long windowEnd, long records,
      long requests, long status4xx, long status5xx, long timeouts, DDSketch latency, double zeroCount) {
    this.tenantId = tenantId;
    this.appVersion = appVersion;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.records = records;
    this.requests = requests;
    this.status4xx = status4xx;
    this.status5xx = status5xx;
    this.timeouts = timeouts;
    this.latency = latency;
    this.zeroCount = zeroCount;
  }

  /** Adds one published record (same sketch accuracy, checked when it was decoded). */
  public WindowTotals add(TenantRequestMetrics m) {
    records++;
    requests += m.getRequests();
    status4xx += m.getStatus4xx();
    status5xx += m.getStatus5xx();
    timeouts += m.getTimeouts();
    LatencySketch bins = m.getLatency();
    List<Integer> indexes = bins.getIndexes();
    List<Double> counts = bins.getCounts();
    Store positive = latency.getPositiveValueStore();
    for (int k = 0, n = indexes.size(); k < n; k++) {
      positive.add(indexes.get(k).intValue(), counts.get(k).doubleValue());
    }
    if (bins.getZeroCount() > 0) {
      latency.accept(0.0, bins.getZeroCount());
      zeroCount += bins.getZeroCount();
    }
    return this;
  }

  /** Adds a closed window; the bounds grow to span it. */
  public WindowTotals addWindow(WindowTotals window) {
    records += window.records;
    requests += window.requests;
    status4xx += window.status4xx;
    status5xx += window.status5xx;
    timeouts += window.timeouts;
    latency.mergeWith(window.latency);
    zeroCount += window.zeroCount;
    windowStart = Math.min(windowStart, window.windowStart);
    windowEnd = Math.max(windowEnd, window.windowEnd);
    return this;
  }

  /** The latency at quantile q (0..1), or NaN when no latency was recorded. */
  public double quantile(double q) {
    return latency.isEmpty() ? Double.NaN : latency.getValueAtQuantile(q);
  }

  /** How many latencies the totals hold, and how many of them lie above the given value. */
  public LatencySketches.Tail tailAbove(double value) {
    IndexMapping mapping = latency.getIndexMapping();
    double[] above = new double[1];
    latency.getPositiveValueStore().forEach((index, count) -> {
      if (mapping.value(index) > value) {
        above[0] += count;
      }
    });
    return new LatencySketches.Tail(latency.getCount(), above[0]);
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

  /** How many published records (or closed windows' records) these totals sum. */
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

  /** Latencies too small for the sketch's mapping (about 0 ms), which its stores do not hold. */
  public double zeroCount() {
    return zeroCount;
  }

  /** The live sketch (for encoding); not a copy. */
  public DDSketch latency() {
    return latency;
  }
}
