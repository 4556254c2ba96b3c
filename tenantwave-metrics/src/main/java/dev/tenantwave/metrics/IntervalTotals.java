package dev.tenantwave.metrics;

/** What one tenant served in one interval: primitive counters and the latency bins, updated in place. */
final class IntervalTotals {

  private final LatencyBins bins;
  private long requests;
  private long status4xx;
  private long status5xx;
  private long timeouts;
  private long zeroCount;

  IntervalTotals(int initialBins, int maxBins) {
    this.bins = new LatencyBins(initialBins, maxBins);
  }

  /** One request; a timeout counts as such, not by its status. The bin is {@code ZERO_BIN} below 1 µs. */
  void add(int status, int bin, boolean timeout) {
    requests++;
    if (timeout) {
      timeouts++;
    } else if (status >= 500 && status <= 599) {
      status5xx++;
    } else if (status >= 400 && status <= 499) {
      status4xx++;
    }
    if (bin == IntervalAggregator.ZERO_BIN) {
      zeroCount++;
    } else {
      bins.add(bin);
    }
  }

  long requests() {
    return requests;
  }

  /** The totals as a value, and this half emptied for its next interval (keeping its arrays). */
  TenantCounts takeCounts(String tenantId) {
    int n = bins.size();
    int[] indexes = new int[n];
    int[] counts = new int[n];
    bins.copyTo(indexes, counts);
    TenantCounts taken = new TenantCounts(tenantId, requests, status4xx, status5xx, timeouts, zeroCount, indexes,
        counts);
    requests = 0;
    status4xx = 0;
    status5xx = 0;
    timeouts = 0;
    zeroCount = 0;
    bins.clear();
    return taken;
  }
}
