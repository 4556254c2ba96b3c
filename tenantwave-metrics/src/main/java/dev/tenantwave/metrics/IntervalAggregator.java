package dev.tenantwave.metrics;

import dev.tenantwave.events.LatencySketchLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-tenant request totals of the open interval. The request path takes the latency's DDSketch bin from
 * {@link LatencyBins} (a table, not a logarithm), finds its tenant's slot in {@link TenantSlots} (no lock, identity
 * before {@code equals}) and adds to the slot's current half under its stripe's lock: no allocation once the tenant
 * has a slot. At an interval boundary the publisher flips the half ({@link #closeInterval}) and takes every slot's
 * closed half while the request path fills the other one.
 *
 * <p>Memory is bounded: at most {@code maxTenants} slots (a request of one more tenant is dropped and counted), each
 * with two halves of at most {@code maxBins} bins. Tenants are admitted and retired under one lock, which the request
 * path takes only for a tenant it does not find.
 */
final class IntervalAggregator {

  /** The bin of latencies below 1 µs, counted in the sketch's {@code zeroCount}. */
  static final int ZERO_BIN = LatencyBins.ZERO_BIN;

  private final Object admission = new Object();
  private final TenantSlots slots;
  private final LatencyBins bins;
  private final int idleLimit;
  private final LongAdder droppedByCap = new LongAdder();

  /**
   * @param idleLimit intervals without a request after which a tenant's slot is freed
   */
  IntervalAggregator(LatencySketchLayout layout, int maxTenants, int initialBins, int maxBins, int idleLimit) {
    this.bins = LatencyBins.of(layout);
    this.idleLimit = idleLimit;
    this.slots = new TenantSlots(maxTenants, initialBins, maxBins);
  }

  /** Adds one request to its tenant's open interval, or counts it as dropped by the tenant cap. */
  void record(String tenantId, int status, long latencyNanos, boolean timeout) {
    int bin = bins.binOf(latencyNanos);
    int slot = slots.find(tenantId);
    if (slot >= 0 && slots.add(slot, tenantId, status, bin, timeout)) {
      return;
    }
    if (slot == TenantSlots.FULL) {
      droppedByCap.increment(); // full: no lock for tenants beyond the cap
      return;
    }
    synchronized (admission) { // a new tenant, or one whose slot was retired or moved after it was looked up
      slot = slots.find(tenantId);
      if (slot < 0) {
        slot = slots.assign(tenantId);
        if (slot == TenantSlots.NONE) {
          droppedByCap.increment();
          return;
        }
      }
      slots.add(slot, tenantId, status, bin, timeout); // cannot fail: slots are retired and moved under this lock
    }
  }

  /** The DDSketch bin of a latency: 24 h and more in the last bin, below 1 µs (or negative) in the zero count. */
  int binOf(long latencyNanos) {
    return bins.binOf(latencyNanos);
  }

  /**
   * Closes the open interval {@code [start, end)}: later requests go to the other half, and every tenant's closed
   * half is taken; a tenant idle for {@code idleLimit} intervals gives its slot back. Called by one thread at a time
   * (the publisher's).
   */
  ClosedInterval closeInterval(long start, long end) {
    int closed = slots.flip();
    List<TenantCounts> counts = new ArrayList<>();
    long requests = 0;
    int slotCount = slots.slotCount();
    boolean retired = false;
    for (int n = 0; n < slotCount; n++) {
      TenantCounts taken = slots.takeClosed(n, closed);
      if (taken != null) {
        counts.add(taken);
        requests += taken.requests();
      } else if (slots.idleIntervals(n) >= idleLimit) {
        synchronized (admission) {
          retired |= slots.retireIfIdle(n, idleLimit) != null;
        }
      }
    }
    if (retired) {
      synchronized (admission) {
        slots.purge(); // after the walk over the slots, which a purge would move
      }
    }
    return new ClosedInterval(start, end, counts, requests);
  }

  long recorded() {
    return slots.recorded();
  }

  long droppedByCap() {
    return droppedByCap.sum();
  }

  int tenants() {
    return slots.size();
  }

  /** Times the slots were moved to a fresh table, for tests. */
  int purges() {
    synchronized (admission) {
      return slots.purges();
    }
  }
}
