package dev.tenantwave.rollout.jdbc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Sequence numbers and tenant-state versions of the events this instance writes. Seeded from the clock (in
 * microseconds) so that they keep rising across restarts and from one release of a tenant to the next; a tenant's
 * events are ordered anyway by the release lock they are written under.
 */
public final class EventSequence {

  private final AtomicLong last = new AtomicLong(System.currentTimeMillis() * 1_000);

  public long next() {
    long floor = System.currentTimeMillis() * 1_000;
    return last.updateAndGet(previous -> Math.max(previous + 1, floor));
  }
}
