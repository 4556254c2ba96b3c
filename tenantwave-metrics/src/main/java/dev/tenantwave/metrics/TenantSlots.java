package dev.tenantwave.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Every tenant's totals, double-buffered, in arrays indexed by slot number rather than in an object per tenant: the
 * request path goes from the slot number (the {@link TenantDirectory}'s answer) straight to the tenant's layout and
 * to its bin, without first loading a per-tenant object whose fields say where the bin is. Request threads add to the
 * half that is being written, the publisher takes the other one. Slot {@code n} is guarded by the lock of stripe
 * {@code n % }{@value #STRIPES} (a padded object that stays in cache, so taking it costs no cache miss); the publisher
 * flips the half before it takes each slot's closed half under the same lock, so a request lands either in the
 * interval being closed or in the next one, never in a half being read, and is counted exactly once.
 *
 * <p>A slot's counts live in one {@code int[]}, {@code stride} ints per half: 4xx, 5xx, timeouts, the zero count,
 * then the counts of DDSketch bins {@code offset} to {@code offset + stride - BINS - 1}. A request of a 2xx/3xx with a
 * latency of 1 µs or more touches its bin's line only; the request count of a half is the sum of its bins and zero
 * count, added up when it is taken. The array is kept from interval to interval, so a tenant whose latencies stay in
 * range never allocates; it grows (both halves at once) when the range widens, up to {@code maxBins} bins. Past that,
 * the lowest bins are folded into the lowest kept one (DataDog's collapsing-lowest store does the same): the slow
 * end, which the gate judges (p95, p99, the tail above a baseline), keeps its accuracy. Counts are ints: 2^31
 * requests of one tenant in one interval would overflow.
 *
 * <p>Slots live in pages of {@value #PAGE} allocated as tenants arrive, up to {@code maxTenants}. Slot numbers are
 * handed out and taken back under the directory's lock, which {@link #assign} and {@link #retireIfIdle} expect
 * their caller to hold (lock order: directory, then stripe).
 */
final class TenantSlots {

  static final int STRIPES = 256;
  private static final int PAGE_BITS = 10;
  private static final int PAGE = 1 << PAGE_BITS;
  private static final int STATUS_4XX = 0;
  private static final int STATUS_5XX = 1;
  private static final int TIMEOUTS = 2;
  private static final int ZERO_COUNT = 3;
  private static final int BINS = 4;
  /** Per slot in {@link Page#layout}: stride, offset of half 0, offset of half 1, intervals idle. */
  private static final int LAYOUT = 4;
  private static final VarHandle RECORDED = MethodHandles.arrayElementVarHandle(long[].class);

  /** A stripe's lock, whose first element counts the requests added under it. */
  private final long[][] locks = new long[STRIPES][];
  private final Page[] pages;
  private final int maxTenants;
  private final int initialBins;
  private final int maxBins;
  private int[] free = new int[16];
  private int freeCount;
  private volatile int assigned;
  private volatile int writeHalf;

  TenantSlots(int maxTenants, int initialBins, int maxBins) {
    this.pages = new Page[(maxTenants + PAGE - 1) >>> PAGE_BITS];
    this.maxTenants = maxTenants;
    this.initialBins = initialBins;
    this.maxBins = maxBins;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new long[8]; // 80 bytes: a line of its own, so stripes taken by different threads do not collide
    }
  }

  /** Adds one request to slot {@code n}; false when the slot no longer belongs to {@code tenantId}. */
  boolean add(int n, String tenantId, int status, int bin, boolean timeout) {
    Page page = pages[n >>> PAGE_BITS];
    int i = n & (PAGE - 1);
    long[] stripe = locks[n & (STRIPES - 1)];
    synchronized (stripe) {
      String owner = page.tenantIds[i];
      if (owner != tenantId && (owner == null || !owner.equals(tenantId))) {
        return false;
      }
      addTo(page, i, writeHalf, status, bin, timeout);
      RECORDED.setOpaque(stripe, 0, stripe[0] + 1); // read without the lock by recorded()
      return true;
    }
  }

  /** Starts writing the other half, which must have been taken; returns the half that is now closed. */
  int flip() {
    int closed = writeHalf;
    writeHalf = closed ^ 1;
    return closed;
  }

  /** Slot numbers below this one have been handed out at some time. */
  int highWater() {
    return assigned;
  }

  /** Intervals slot {@code n} has had no request, as last counted by {@link #takeClosed}. */
  int idleIntervals(int n) {
    return pages[n >>> PAGE_BITS].layout[(n & (PAGE - 1)) * LAYOUT + 3];
  }

  /**
   * The closed half's counts of slot {@code n}, emptied for its next interval, or null when it had no request (or the
   * slot is free). Counts the intervals the slot has been idle.
   */
  TenantCounts takeClosed(int n, int closedHalf) {
    Page page = pages[n >>> PAGE_BITS];
    int i = n & (PAGE - 1);
    synchronized (locks[n & (STRIPES - 1)]) {
      if (page.tenantIds[i] == null) {
        return null;
      }
      TenantCounts taken = take(page, i, closedHalf);
      page.layout[i * LAYOUT + 3] = taken == null ? page.layout[i * LAYOUT + 3] + 1 : 0;
      return taken;
    }
  }

  /**
   * Frees slot {@code n} if it has been idle for {@code idleLimit} intervals and its open half is empty; returns its
   * tenant, whose directory entry the caller removes, or null. The caller holds the directory's lock.
   */
  String retireIfIdle(int n, int idleLimit) {
    Page page = pages[n >>> PAGE_BITS];
    int i = n & (PAGE - 1);
    synchronized (locks[n & (STRIPES - 1)]) {
      String tenantId = page.tenantIds[i];
      if (tenantId == null || page.layout[i * LAYOUT + 3] < idleLimit || !isEmpty(page, i, writeHalf)) {
        return null;
      }
      page.tenantIds[i] = null;
      page.data[i] = null;
      page.layout[i * LAYOUT + 3] = 0;
      if (freeCount == free.length) {
        free = Arrays.copyOf(free, 2 * free.length);
      }
      free[freeCount++] = n;
      return tenantId;
    }
  }

  /**
   * Requests added to any slot: exact once recording has stopped, a moment behind while it goes on (the stripes'
   * counters are read without their locks).
   */
  long recorded() {
    long sum = 0;
    for (long[] stripe : locks) {
      sum += (long) RECORDED.getOpaque(stripe, 0);
    }
    return sum;
  }

  /** A free slot for {@code tenantId}, or -1 when {@code maxTenants} are held. The caller holds the directory's lock. */
  int assign(String tenantId) {
    int n;
    if (freeCount > 0) {
      n = free[--freeCount];
    } else if (assigned < maxTenants) {
      n = assigned;
      if (pages[n >>> PAGE_BITS] == null) {
        pages[n >>> PAGE_BITS] = new Page();
      }
      assigned = n + 1;
    } else {
      return -1;
    }
    Page page = pages[n >>> PAGE_BITS];
    int i = n & (PAGE - 1);
    synchronized (locks[n & (STRIPES - 1)]) {
      int stride = BINS + Math.min(initialBins, maxBins);
      page.data[i] = new int[2 * stride];
      page.layout[i * LAYOUT] = stride;
      page.layout[i * LAYOUT + 1] = 0;
      page.layout[i * LAYOUT + 2] = 0;
      page.layout[i * LAYOUT + 3] = 0;
      page.tenantIds[i] = tenantId;
    }
    return n;
  }

  /** Bins a half of slot {@code n} can hold before it grows, for tests of the bound. */
  int capacity(int n) {
    return pages[n >>> PAGE_BITS].layout[(n & (PAGE - 1)) * LAYOUT] - BINS;
  }

  /** One request in {@code half} of slot {@code n} (the caller holds its lock); a timeout counts as such. */
  void addTo(int n, int half, int status, int bin, boolean timeout) {
    addTo(pages[n >>> PAGE_BITS], n & (PAGE - 1), half, status, bin, timeout);
  }

  /** The counts of {@code half} of slot {@code n}, emptied, or null if it had none (the caller holds its lock). */
  TenantCounts take(int n, int half) {
    return take(pages[n >>> PAGE_BITS], n & (PAGE - 1), half);
  }

  private void addTo(Page page, int i, int half, int status, int bin, boolean timeout) {
    int[] data = page.data[i];
    int stride = page.layout[i * LAYOUT];
    int base = half * stride;
    if (bin == IntervalAggregator.ZERO_BIN) {
      data[base + ZERO_COUNT]++;
    } else {
      int position = bin - page.layout[i * LAYOUT + 1 + half];
      if (position < 0 || position >= stride - BINS) {
        position = makeRoom(page, i, half, bin);
        data = page.data[i];
        base = half * page.layout[i * LAYOUT];
      }
      data[base + BINS + position]++;
    }
    if (timeout) {
      data[base + TIMEOUTS]++;
    } else if (status >= 500 && status <= 599) {
      data[base + STATUS_5XX]++;
    } else if (status >= 400 && status <= 499) {
      data[base + STATUS_4XX]++;
    }
  }

  private TenantCounts take(Page page, int i, int half) {
    int[] data = page.data[i];
    int stride = page.layout[i * LAYOUT];
    int base = half * stride;
    int n = 0;
    long requests = data[base + ZERO_COUNT];
    for (int k = base + BINS; k < base + stride; k++) {
      if (data[k] != 0) {
        n++;
        requests += data[k];
      }
    }
    if (requests == 0) {
      return null;
    }
    int[] indexes = new int[n];
    int[] counts = new int[n];
    int j = 0;
    int offset = page.layout[i * LAYOUT + 1 + half];
    for (int k = base + BINS; k < base + stride; k++) {
      if (data[k] != 0) {
        indexes[j] = offset + k - base - BINS;
        counts[j++] = data[k];
        data[k] = 0;
      }
    }
    TenantCounts taken = new TenantCounts(page.tenantIds[i], requests, data[base + STATUS_4XX],
        data[base + STATUS_5XX], data[base + TIMEOUTS], data[base + ZERO_COUNT], indexes, counts);
    Arrays.fill(data, base, base + BINS, 0);
    return taken;
  }

  private static boolean isEmpty(Page page, int i, int half) {
    int[] data = page.data[i];
    int stride = page.layout[i * LAYOUT];
    for (int k = half * stride + ZERO_COUNT; k < (half + 1) * stride; k++) {
      if (data[k] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Lays {@code half} out so that {@code index} fits, and returns the array position (from the half's first bin) to
   * count it in: its own, or the lowest kept bin's when the range would exceed {@code maxBins}.
   */
  private int makeRoom(Page page, int i, int half, int index) {
    int[] data = page.data[i];
    int capacity = page.layout[i * LAYOUT] - BINS;
    int first = half * page.layout[i * LAYOUT] + BINS;
    int offset = page.layout[i * LAYOUT + 1 + half];
    int low = Integer.MAX_VALUE;
    int high = Integer.MIN_VALUE;
    for (int k = 0; k < capacity; k++) {
      if (data[first + k] != 0) {
        low = Math.min(low, offset + k);
        high = offset + k;
      }
    }
    if (low > high) {
      page.layout[i * LAYOUT + 1 + half] = index - capacity / 2;
      return capacity / 2;
    }
    int keptLow = Math.max(Math.min(low, index), Math.max(high, index) - maxBins + 1);
    index = Math.max(index, keptLow);
    if (low < keptLow) {
      int folded = 0;
      for (int bin = low; bin <= Math.min(high, keptLow - 1); bin++) {
        folded += data[first + bin - offset];
        data[first + bin - offset] = 0;
      }
      if (keptLow > high) {
        // everything folded: the half is all zeros now, so centre it on keptLow
        offset = keptLow - capacity / 2;
        page.layout[i * LAYOUT + 1 + half] = offset;
        high = keptLow;
      }
      low = keptLow;
      data[first + keptLow - offset] += folded;
    }
    int from = Math.min(low, index);
    int to = Math.max(high, index);
    if (from < offset || to >= offset + capacity) {
      relayOut(page, i, half, low, high, from, to);
    }
    return index - page.layout[i * LAYOUT + 1 + half];
  }

  /** Moves {@code half}'s bins {@code low..high} so that {@code from..to} fits, growing both halves if need be. */
  private void relayOut(Page page, int i, int half, int low, int high, int from, int to) {
    int[] data = page.data[i];
    int stride = page.layout[i * LAYOUT];
    int offset = page.layout[i * LAYOUT + 1 + half];
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
    System.arraycopy(data, oldFirst + low - offset, target, newFirst + low - newOffset, high - low + 1);
    if (target == data) {
      // moved within the half: clear what the move left behind outside the new range
      Arrays.fill(data, newFirst, newFirst + low - newOffset, 0);
      Arrays.fill(data, newFirst + high - newOffset + 1, newFirst + newCapacity, 0);
    }
    page.data[i] = target;
    page.layout[i * LAYOUT] = newStride;
    page.layout[i * LAYOUT + 1 + half] = newOffset;
  }

  /** {@value #PAGE} slots. */
  private static final class Page {
    final int[][] data = new int[PAGE][];
    final int[] layout = new int[PAGE * LAYOUT];
    final String[] tenantIds = new String[PAGE];
  }
}
