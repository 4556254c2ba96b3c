package dev.tenantwave.metrics;

import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import dev.tenantwave.events.LatencySketchLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Per-tenant request totals of the open interval. The request path looks its tenant's {@link TenantSlot} up (a map
 * read with the caller's string), maps the latency to its DDSketch bin and adds to the slot's current half under the
 * slot's lock: no allocation once the tenant has a slot. At an interval boundary the publisher flips the half
 * ({@link #closeInterval}) and takes every slot's closed half while the request path fills the other one.
 *
 * <p>Memory is bounded: at most {@code maxTenants} slots (a request of one more tenant is dropped and counted), each
 * with two halves of at most {@code maxBins} bins.
 */
final class IntervalAggregator {

  /** The bin of latencies below 1 µs, counted in the sketch's {@code zeroCount}. */
  static final int ZERO_BIN = Integer.MIN_VALUE;
  private static final long MIN_NANOS = Math.round(LatencySketchLayout.MIN_LATENCY_MILLIS * 1e6);
  private static final long MAX_NANOS = Math.round(LatencySketchLayout.MAX_LATENCY_MILLIS * 1e6);

  private final ConcurrentHashMap<String, TenantSlot> slots;
  private final AtomicInteger tenants = new AtomicInteger();
  private final Function<String, TenantSlot> newSlot = this::newSlot;
  private final LogarithmicMapping mapping;
  private final int minIndex;
  private final int maxIndex;
  private final int maxTenants;
  private final int initialBins;
  private final int maxBins;
  private final int idleLimit;
  private final LongAdder recorded = new LongAdder();
  private final LongAdder droppedByCap = new LongAdder();
  private volatile int writeHalf;

  /**
   * @param idleLimit intervals without a request after which a tenant's slot is freed
   */
  IntervalAggregator(LatencySketchLayout layout, int maxTenants, int initialBins, int maxBins, int idleLimit) {
    this.mapping = layout.mapping();
    this.minIndex = layout.minIndex();
    this.maxIndex = layout.maxIndex();
    this.maxTenants = maxTenants;
    this.initialBins = initialBins;
    this.maxBins = maxBins;
    this.idleLimit = idleLimit;
    this.slots = new ConcurrentHashMap<>(Math.min(maxTenants, 1 << 16));
  }

  /** Adds one request to its tenant's open interval, or counts it as dropped by the tenant cap. */
  void record(String tenantId, int status, long latencyNanos, boolean timeout) {
    int bin = binOf(latencyNanos);
    TenantSlot slot = slots.get(tenantId);
    while (true) {
      if (slot == null && (slot = admit(tenantId)) == null) {
        droppedByCap.increment();
        return;
      }
      if (slot.add(status, bin, timeout)) {
        recorded.increment();
        return;
      }
      slot = slots.get(tenantId);
    }
  }

  /** The DDSketch bin of a latency: 24 h and more in the last bin, below 1 µs (or negative) in the zero count. */
  int binOf(long latencyNanos) {
    if (latencyNanos < MIN_NANOS) {
      return ZERO_BIN;
    }
    if (latencyNanos >= MAX_NANOS) {
      return maxIndex;
    }
    return Math.max(minIndex, Math.min(maxIndex, mapping.index(latencyNanos * 1e-6)));
  }

  /**
   * Closes the open interval {@code [start, end)}: later requests go to the other half, and every tenant's closed
   * half is taken. Called by one thread at a time (the publisher's).
   */
  ClosedInterval closeInterval(long start, long end) {
    int closed = writeHalf;
    writeHalf = closed ^ 1;
    List<TenantCounts> counts = new ArrayList<>();
    long requests = 0;
    for (TenantSlot slot : slots.values()) {
      TenantCounts taken = slot.takeClosed(closed, idleLimit);
      if (taken != null) {
        counts.add(taken);
        requests += taken.requests();
      }
    }
    return new ClosedInterval(start, end, counts, requests);
  }

  int writeHalf() {
    return writeHalf;
  }

  /** Frees a retired slot's place (called under the slot's lock, so a request that finds it retired finds it gone). */
  void evict(TenantSlot slot) {
    if (slots.remove(slot.tenantId(), slot)) {
      tenants.decrementAndGet();
    }
  }

  private TenantSlot admit(String tenantId) {
    if (tenants.get() >= maxTenants) {
      return slots.get(tenantId); // another thread may have just admitted it
    }
    return slots.computeIfAbsent(tenantId, newSlot);
  }

  private TenantSlot newSlot(String tenantId) {
    if (tenants.incrementAndGet() > maxTenants) {
      tenants.decrementAndGet();
      return null;
    }
    return new TenantSlot(tenantId, this, initialBins, maxBins);
  }

  long recorded() {
    return recorded.sum();
  }

  long droppedByCap() {
    return droppedByCap.sum();
  }

  int tenants() {
    return tenants.get();
  }
}
