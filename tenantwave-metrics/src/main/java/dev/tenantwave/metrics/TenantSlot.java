package dev.tenantwave.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * One tenant's totals, double-buffered: request threads add to the half the aggregator currently writes, the
 * publisher takes the other one. The half is read inside the slot's lock, and the publisher flips it before it
 * takes a slot's closed half under the same lock, so a request lands either in the interval being closed or in the
 * next one, never in a half being read, and is counted exactly once.
 *
 * <p>Both halves live in one {@code int[]}, {@code stride} ints each: requests, 4xx, 5xx, timeouts, the zero count,
 * then the counts of DDSketch bins {@code offset} to {@code offset + stride - BINS - 1}. A request touches the slot,
 * the first line of its half and the line of its bin, not a chain of objects. The array is kept from interval to
 * interval, so a tenant whose latencies stay in range never allocates; it grows (both halves at once) when the range
 * widens, up to {@code maxBins} bins. Past that, the lowest bins are folded into the lowest kept one (DataDog's
 * collapsing-lowest store does the same): the slow end, which the gate judges (p95, p99, the tail above a
 * baseline), keeps its accuracy. Counts are ints: 2^31 requests of one tenant in one interval would overflow.
 */
final class TenantSlot {

  private static final int REQUESTS = 0;
  private static final int STATUS_4XX = 1;
  private static final int STATUS_5XX = 2;
  private static final int TIMEOUTS = 3;
  private static final int ZERO_COUNT = 4;
  private static final int BINS = 5;
  private static final VarHandle RECORDED;

  static {
    try {
      RECORDED = MethodHandles.lookup().findVarHandle(TenantSlot.class, "recorded", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String tenantId;
  private final IntervalAggregator owner;
  private final int maxBins;
  private int[] data;
  private int stride;
  private int offset0;
  private int offset1;
  private int idleIntervals;
  private boolean retired;
  private long recorded;

  TenantSlot(String tenantId, IntervalAggregator owner, int initialBins, int maxBins) {
    this.tenantId = tenantId;
    this.owner = owner;
    this.maxBins = maxBins;
    this.stride = BINS + Math.min(initialBins, maxBins);
    this.data = new int[2 * stride];
  }

  /** Adds one request; false when the slot was retired meanwhile (the caller looks the tenant up again). */
  synchronized boolean add(int status, int bin, boolean timeout) {
    if (retired) {
      return false;
    }
    addTo(owner.writeHalf(), status, bin, timeout);
    RECORDED.setOpaque(this, recorded + 1); // read without the lock by recorded()
    return true;
  }

  /** Requests added through {@link #add}, as last written (the caller holds no lock). */
  long recorded() {
    return (long) RECORDED.getOpaque(this);
  }

  /**
   * The closed half's counts, or null when it had no request. After {@code idleLimit} intervals without requests
   * the slot retires and leaves the aggregator, which frees its place under the tenant cap.
   */
  synchronized TenantCounts takeClosed(int closedHalf, int idleLimit) {
    if (data[closedHalf * stride + REQUESTS] > 0) {
      idleIntervals = 0;
      return take(closedHalf);
    }
    if (++idleIntervals >= idleLimit && data[(closedHalf ^ 1) * stride + REQUESTS] == 0) {
      retired = true;
      owner.evict(this);
    }
    return null;
  }

  /** One request in {@code half} (the caller holds the lock); a timeout counts as such, not by its status. */
  void addTo(int half, int status, int bin, boolean timeout) {
    int position = -1;
    if (bin != IntervalAggregator.ZERO_BIN) {
      position = bin - offset(half);
      if (position < 0 || position >= stride - BINS) {
        position = makeRoom(half, bin);
      }
    }
    int base = half * stride;
    data[base + REQUESTS]++;
    if (timeout) {
      data[base + TIMEOUTS]++;
    } else if (status >= 500 && status <= 599) {
      data[base + STATUS_5XX]++;
    } else if (status >= 400 && status <= 499) {
      data[base + STATUS_4XX]++;
    }
    data[base + (position < 0 ? ZERO_COUNT : BINS + position)]++;
  }

  /** The counts of {@code half} as a value, and the half emptied for its next interval (the caller holds the lock). */
  TenantCounts take(int half) {
    int base = half * stride;
    int n = 0;
    for (int i = base + BINS; i < base + stride; i++) {
      if (data[i] != 0) {
        n++;
      }
    }
    int[] indexes = new int[n];
    int[] counts = new int[n];
    int k = 0;
    int offset = offset(half);
    for (int i = base + BINS; i < base + stride; i++) {
      if (data[i] != 0) {
        indexes[k] = offset + i - base - BINS;
        counts[k++] = data[i];
        data[i] = 0;
      }
    }
    TenantCounts taken = new TenantCounts(tenantId, data[base + REQUESTS], data[base + STATUS_4XX],
        data[base + STATUS_5XX], data[base + TIMEOUTS], data[base + ZERO_COUNT], indexes, counts);
    Arrays.fill(data, base, base + BINS, 0);
    return taken;
  }

  /** Bins a half can hold before it grows, for tests of the bound. */
  int capacity() {
    return stride - BINS;
  }

  String tenantId() {
    return tenantId;
  }

  private int offset(int half) {
    return half == 0 ? offset0 : offset1;
  }

  private void setOffset(int half, int offset) {
    if (half == 0) {
      offset0 = offset;
    } else {
      offset1 = offset;
    }
  }

  /**
   * Lays {@code half} out so that {@code index} fits, and returns the array position (from the half's first bin) to
   * count it in: its own, or the lowest kept bin's when the range would exceed {@code maxBins}.
   */
  private int makeRoom(int half, int index) {
    int capacity = stride - BINS;
    int first = half * stride + BINS;
    int low = Integer.MAX_VALUE;
    int high = Integer.MIN_VALUE;
    for (int i = 0; i < capacity; i++) {
      if (data[first + i] != 0) {
        low = Math.min(low, offset(half) + i);
        high = offset(half) + i;
      }
    }
    if (low > high) {
      setOffset(half, index - capacity / 2);
      return capacity / 2;
    }
    int keptLow = Math.max(Math.min(low, index), Math.max(high, index) - maxBins + 1);
    index = Math.max(index, keptLow);
    if (low < keptLow) {
      int folded = 0;
      for (int bin = low; bin <= Math.min(high, keptLow - 1); bin++) {
        folded += data[first + bin - offset(half)];
        data[first + bin - offset(half)] = 0;
      }
      if (keptLow > high) {
        // everything folded: the half is all zeros now, so centre it on keptLow
        setOffset(half, keptLow - capacity / 2);
        high = keptLow;
      }
      low = keptLow;
      data[first + keptLow - offset(half)] += folded;
    }
    int from = Math.min(low, index);
    int to = Math.max(high, index);
    if (from < offset(half) || to >= offset(half) + capacity) {
      relayOut(half, low, high, from, to);
    }
    return index - offset(half);
  }

  /** Moves {@code half}'s bins {@code low..high} so that {@code from..to} fits, growing both halves if need be. */
  private void relayOut(int half, int low, int high, int from, int to) {
    int capacity = stride - BINS;
    int span = to - from + 1;
    int newCapacity = span <= capacity ? capacity : Math.min(maxBins, Math.max(span + span / 2, 2 * capacity));
    int newStride = BINS + newCapacity;
    int newOffset = from - (newCapacity - span) / 2;
    int[] target = newStride == stride ? data : new int[2 * newStride];
    if (target != data) {
      int other = half ^ 1;
      System.arraycopy(data, other * stride, target, other * newStride, stride);
      System.arraycopy(data, half * stride, target, half * newStride, BINS);
    }
    int oldFirst = half * stride + BINS;
    int newFirst = half * newStride + BINS;
    System.arraycopy(data, oldFirst + low - offset(half), target, newFirst + low - newOffset, high - low + 1);
    if (target == data) {
      // moved within the half: clear what the move left behind outside the new range
      Arrays.fill(data, newFirst, newFirst + low - newOffset, 0);
      Arrays.fill(data, newFirst + high - newOffset + 1, newFirst + newCapacity, 0);
    }
    data = target;
    stride = newStride;
    setOffset(half, newOffset);
  }
}
