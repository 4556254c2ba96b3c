package dev.tenantwave.metrics;

/**
 * One tenant's totals, double-buffered: request threads add to the half the aggregator currently writes, the
 * publisher takes the other one. The half is read inside the slot's lock, and the publisher flips it before it
 * takes a slot's closed half under the same lock, so a request lands either in the interval being closed or in
 * the next one, never in a half being read, and is counted exactly once.
 */
final class TenantSlot {

  private final String tenantId;
  private final IntervalAggregator owner;
  private final IntervalTotals[] halves;
  private int idleIntervals;
  private boolean retired;

  TenantSlot(String tenantId, IntervalAggregator owner, int initialBins, int maxBins) {
    this.tenantId = tenantId;
    this.owner = owner;
    this.halves = new IntervalTotals[] {new IntervalTotals(initialBins, maxBins), new IntervalTotals(initialBins,
        maxBins)};
  }

  /** Adds one request; false when the slot was retired meanwhile (the caller looks the tenant up again). */
  synchronized boolean add(int status, int bin, boolean timeout) {
    if (retired) {
      return false;
    }
    halves[owner.writeHalf()].add(status, bin, timeout);
    return true;
  }

  /**
   * The closed half's counts, or null when it had no request. After {@code idleLimit} intervals without requests
   * the slot retires and leaves the aggregator, which frees its place under the tenant cap.
   */
  synchronized TenantCounts takeClosed(int closedHalf, int idleLimit) {
    IntervalTotals closed = halves[closedHalf];
    if (closed.requests() > 0) {
      idleIntervals = 0;
      return closed.takeCounts(tenantId);
    }
    if (++idleIntervals >= idleLimit && halves[closedHalf ^ 1].requests() == 0) {
      retired = true;
      owner.evict(this);
    }
    return null;
  }

  String tenantId() {
    return tenantId;
  }
}
