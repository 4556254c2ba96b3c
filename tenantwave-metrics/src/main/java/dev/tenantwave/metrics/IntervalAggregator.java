package dev.tenantwave.metrics;

import dev.tenantwave.events.LatencySketchLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Per-tenant request totals of the open interval. The request path finds its tenant's {@link TenantSlot} in the
 * {@link TenantDirectory} (no lock, identity before {@code equals}), takes the latency's DDSketch bin from
 * {@link LatencyBins} (a table, not a logarithm) and adds to the slot's current half under the slot's lock: no
 * allocation once the tenant has a slot, and no atomic besides that lock. At an interval boundary the publisher flips
 * the half ({@link #closeInterval}) and takes every slot's closed half while the request path fills the other one.
 *
 * <p>Memory is bounded: at most {@code maxTenants} slots (a request of one more tenant is dropped and counted), each
 * with two halves of at most {@code maxBins} bins.
 */
final class IntervalAggregator {

  /** The bin of latencies below 1 µs, counted in the sketch's {@code zeroCount}. */
  static final int ZERO_BIN = LatencyBins.ZERO_BIN;

  private final TenantDirectory directory;
  private final Function<String, TenantSlot> newSlot = this::newSlot;
  private final LatencyBins bins;
  private final int maxTenants;
  private final int initialBins;
  private final int maxBins;
  private final int idleLimit;
  private final LongAdder droppedByCap = new LongAdder();
  private volatile int writeHalf;

  /**
   * @param idleLimit intervals without a request after which a tenant's slot is freed
   */
  IntervalAggregator(LatencySketchLayout layout, int maxTenants, int initialBins, int maxBins, int idleLimit) {
    this.bins = LatencyBins.of(layout);
    this.maxTenants = maxTenants;
    this.initialBins = initialBins;
    this.maxBins = maxBins;
    this.idleLimit = idleLimit;
    this.directory = new TenantDirectory(Math.min(maxTenants, 1 << 16));
  }

  /** Adds one request to its tenant's open interval, or counts it as dropped by the tenant cap. */
  void record(String tenantId, int status, long latencyNanos, boolean timeout) {
    int bin = bins.binOf(latencyNanos);
    TenantSlot slot = directory.find(tenantId);
    while (true) {
      if (slot == null && (slot = admit(tenantId)) == null) {
        droppedByCap.increment();
        return;
      }
      if (slot.add(status, bin, timeout)) {
        return;
      }
      slot = directory.find(tenantId); // retired meanwhile, and gone from the directory
    }
  }

  /** The DDSketch bin of a latency: 24 h and more in the last bin, below 1 µs (or negative) in the zero count. */
  int binOf(long latencyNanos) {
    return bins.binOf(latencyNanos);
  }

  /**
   * Closes the open interval {@code [start, end)}: later requests go to the other half, and every tenant's closed
   * half is taken. Called by one thread at a time (the publisher's).
   */
  ClosedInterval closeInterval(long start, long end) {
    int closed = writeHalf;
    writeHalf = closed ^ 1;
    List<TenantCounts> counts = new ArrayList<>();
    directory.forEach(slot -> {
      TenantCounts taken = slot.takeClosed(closed, idleLimit);
      if (taken != null) {
        counts.add(taken);
      }
    });
    long requests = 0;
    for (TenantCounts taken : counts) {
      requests += taken.requests();
    }
    return new ClosedInterval(start, end, counts, requests);
  }

  int writeHalf() {
    return writeHalf;
  }

  /** Frees a retired slot's place (called under the slot's lock, so a request that finds it retired finds it gone). */
  void evict(TenantSlot slot) {
    directory.remove(slot);
  }

  private TenantSlot admit(String tenantId) {
    if (directory.size() >= maxTenants) {
      return directory.find(tenantId); // full, unless another thread has just admitted it
    }
    return directory.findOrAdd(tenantId, newSlot);
  }

  private TenantSlot newSlot(String tenantId) {
    return directory.size() >= maxTenants ? null : new TenantSlot(tenantId, this, initialBins, maxBins);
  }

  long recorded() {
    return directory.recorded();
  }

  long droppedByCap() {
    return droppedByCap.sum();
  }

  int tenants() {
    return directory.size();
  }
}
