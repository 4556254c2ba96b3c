package dev.tenantwave.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Every tenant's totals, double-buffered, in an open-addressing table keyed by tenant id whose positions are the
 * slots: a tenant's slot number is where its key lies. The request path goes from the id's hash to the key, the
 * counts array and the layout of that position at once (16 bytes of three arrays, loaded side by side), then to its
 * bin. Before, a lookup returned a slot number, and only then were the slot's owner, counts array and layout loaded:
 * one cache miss more on the way to the bin, and five small arrays instead of three competing for the L2 cache. The
 * caller's string is compared by identity first, so a caller that passes the same {@code String} instance each time
 * (an id from a catalog, a constant) never reads the stored key; another instance is compared by hash, then
 * {@code equals}.
 *
 * <p>Request threads add to the half that is being written, the publisher takes the other one. Slot {@code n} is
 * guarded by the lock of stripe {@code n % }{@value #STRIPES}, a compare-and-set on a padded word that stays in cache:
 * one atomic instruction a call, as releasing it is an ordered store (a {@code synchronized} block costs an atomic
 * instruction to enter and another to leave). The publisher flips the half before it takes each slot's closed half
 * under the same lock, so a request lands either in the interval being closed or in the next one, never in a half
 * being read, and is counted exactly once: whoever takes the stripe second sees what the first did, and a request
 * that takes it after the publisher has taken the slot reads the flipped half.
 *
 * <p>A slot's counts live in one {@code int[]}, {@code stride} ints per half ({@code stride} = half the length): 4xx,
 * 5xx, timeouts, the zero count, then the counts of DDSketch bins {@code offset} to {@code offset + stride - BINS - 1}.
 * The table keeps, per position and half, the array index of bin 0 ({@code origin}: the half's first bin's index
 * minus its offset), so that a bin's index is its origin plus the bin. A request of a 2xx/3xx with a latency of 1 µs
 * or more touches its bin's line only; the request count of a half is the sum of its bins and zero count, added up
 * when it is taken. The array is kept from interval to interval, so a tenant whose latencies stay in range never
 * allocates; it grows (both halves at once) when the range widens, up to {@code maxBins} bins. Past that, the lowest
 * bins are folded into the lowest kept one (DataDog's collapsing-lowest store does the same): the slow end, which the
 * gate judges (p95, p99, the tail above a baseline), keeps its accuracy. Counts are ints: 2^31 requests of one tenant
 * in one interval would overflow.
 *
 * <p>Keys are read without a lock: a key is written with release semantics after the slot's counts and layout, and
 * read with acquire semantics. Tenants are added ({@link #assign}), freed ({@link #retireIfIdle}) and the table rebuilt
 * ({@link #purge}) under the caller's admission lock (lock order: admission, then stripe). The table has more than
 * twice {@code maxTenants} positions (a power of two: 32,768 for 10,000, 24 bytes each, allocated at start) and is
 * never resized, so a probe is short and ends at a never-held position. A freed position keeps a tombstone until
 * {@link #purge} moves the tenants into a fresh table, which the publisher does once tombstones fill an eighth of it,
 * after taking an interval (so never while it walks the slots). A request that found its tenant in an outdated table,
 * or a slot freed since, is refused under the slot's lock ({@link #add} returns false) and looks again under the
 * admission lock.
 */
final class TenantSlots {

  static final int NONE = -1;
  /** {@link #find}'s answer for a tenant without a slot when {@code maxTenants} are held. */
  static final int FULL = -2;
  static final int STRIPES = 256;
  private static final int STATUS_4XX = 0;
  private static final int STATUS_5XX = 1;
  private static final int TIMEOUTS = 2;
  private static final int ZERO_COUNT = 3;
  private static final int BINS = 4;
  private static final int MIN_CAPACITY = 16;
  private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(String[].class);
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  /** In a stripe: the requests added under its lock, and the lock word (1 = held). */
  private static final int RECORDED = 0;
  private static final int LOCK = 1;
  private static final int SPINS_BEFORE_YIELD = 100;
  private static final String REMOVED = new String("(removed)");

  private final long[][] locks = new long[STRIPES][];
  private final int maxTenants;
  private final int initialBins;
  private final int maxBins;
  private volatile Table table;
  private volatile int size;
  private int tombstones;
  private int purges;
  private volatile int writeHalf;

  TenantSlots(int maxTenants, int initialBins, int maxBins) {
    this.maxTenants = maxTenants;
    this.initialBins = initialBins;
    this.maxBins = maxBins;
    this.table = new Table(capacityFor(maxTenants));
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new long[8]; // 80 bytes: a line of its own, so stripes taken by different threads do not collide
    }
  }

  /**
   * The tenant's slot number, {@link #NONE}, or {@link #FULL} when it has none and {@code maxTenants} are held. Takes
   * no lock.
   */
  int find(String tenantId) {
    Table t = table;
    int n = t.find(tenantId, tenantId.hashCode());
    // An outdated table's tenants are being moved: not finding one there does not mean that none is held.
    return n == NONE && size >= maxTenants && !t.replaced ? FULL : n;
  }

  /** Adds one request to slot {@code n}; false when the slot no longer belongs to {@code tenantId}. */
  boolean add(int n, String tenantId, int status, int bin, boolean timeout) {
    Table t = table;
    long[] stripe = locks[n & (STRIPES - 1)];
    lock(stripe);
    try {
      String owner = t.keys[n];
      if (owner != tenantId && (owner == null || owner == REMOVED || !owner.equals(tenantId))) {
        return false;
      }
      addTo(t, n, writeHalf, status, bin, timeout);
      LONGS.setOpaque(stripe, RECORDED, stripe[RECORDED] + 1); // read without the lock by recorded()
      return true;
    } finally {
      unlock(stripe);
    }
  }

  /**
   * A slot for {@code tenantId}, which has none, or {@link #NONE} when {@code maxTenants} are held. The caller holds
   * the admission lock.
   */
  int assign(String tenantId) {
    Table t = table;
    if (size >= maxTenants) {
      return NONE;
    }
    int hash = tenantId.hashCode();
    int n = t.freePosition(hash);
    if (n == NONE) {
      // only if tenants leaving and coming within an interval took every never-held position; the next purge frees them
      return NONE;
    }
    long[] stripe = locks[n & (STRIPES - 1)];
    lock(stripe);
    try {
      int stride = BINS + Math.min(initialBins, maxBins);
      t.counts[n] = new int[2 * stride];
      setOffset(t, n, 0, stride, 0);
      setOffset(t, n, 1, stride, 0);
      t.idle[n] = 0;
      t.hashes[n] = hash;
      KEYS.setRelease(t.keys, n, tenantId);
    } finally {
      unlock(stripe);
    }
    size = size + 1;
    return n;
  }

  /** Starts writing the other half, which must have been taken; returns the half that is now closed. */
  int flip() {
    int closed = writeHalf;
    writeHalf = closed ^ 1;
    return closed;
  }

  /** Slot numbers are below this one. */
  int slotCount() {
    return table.keys.length;
  }

  /** Tenants holding a slot. */
  int size() {
    return size;
  }

  /** Intervals slot {@code n} has had no request, as last counted by {@link #takeClosed}. */
  int idleIntervals(int n) {
    return table.idle[n];
  }

  /**
   * The closed half's counts of slot {@code n}, emptied for its next interval, or null when it had no request (or the
   * slot is free). Counts the intervals the slot has been idle. Called by the publisher, which also purges, so the
   * table does not change under it.
   */
  TenantCounts takeClosed(int n, int closedHalf) {
    Table t = table;
    long[] stripe = locks[n & (STRIPES - 1)];
    lock(stripe); // even to see that the slot is free: a request may have been added to it just before the flip
    try {
      String key = t.keys[n];
      if (key == null || key == REMOVED) {
        return null;
      }
      TenantCounts taken = take(t, n, closedHalf);
      t.idle[n] = taken == null ? t.idle[n] + 1 : 0;
      return taken;
    } finally {
      unlock(stripe);
    }
  }

  /**
   * Frees slot {@code n} if it has been idle for {@code idleLimit} intervals and its open half is empty; returns its
   * tenant, or null. The caller holds the admission lock.
   */
  String retireIfIdle(int n, int idleLimit) {
    Table t = table;
    String tenantId;
    long[] stripe = locks[n & (STRIPES - 1)];
    lock(stripe);
    try {
      tenantId = t.keys[n];
      if (tenantId == null || tenantId == REMOVED || t.idle[n] < idleLimit || !isEmpty(t, n, writeHalf)) {
        return null;
      }
      KEYS.setRelease(t.keys, n, REMOVED);
      t.counts[n] = null;
      t.idle[n] = 0;
    } finally {
      unlock(stripe);
    }
    size = size - 1;
    tombstones++;
    return tenantId;
  }

  /**
   * Moves the tenants into a fresh table once freed positions fill an eighth of it, so that lookups stay short. The
   * caller holds the admission lock and is the publisher, between two walks over the slots. Each tenant moves under
   * its old slot's lock, which then refuses requests: one that got there first has added to the counts array that
   * moves, one that comes later looks again and waits for the admission lock, and so for the fresh table.
   */
  void purge() {
    Table old = table;
    if (tombstones <= old.keys.length / 8) {
      return;
    }
    Table fresh = new Table(old.keys.length);
    old.replaced = true; // before any key is marked, so that a reader who sees a mark sees this too
    for (int n = 0; n < old.keys.length; n++) {
      String key = old.keys[n];
      if (key == null || key == REMOVED) {
        continue;
      }
      long[] stripe = locks[n & (STRIPES - 1)];
      lock(stripe);
      try {
        int m = fresh.freePosition(old.hashes[n]);
        fresh.counts[m] = old.counts[n];
        int stride = old.counts[n].length >>> 1;
        setOffset(fresh, m, 0, stride, offset(old, n, 0, stride));
        setOffset(fresh, m, 1, stride, offset(old, n, 1, stride));
        fresh.idle[m] = old.idle[n];
        fresh.hashes[m] = old.hashes[n];
        fresh.keys[m] = key;
        // a request that found the tenant here is refused from now on and looks again, in the fresh table
        KEYS.setRelease(old.keys, n, REMOVED);
      } finally {
        unlock(stripe);
      }
    }
    tombstones = 0;
    purges++;
    table = fresh;
  }

  /** Purges so far, for tests. The caller holds the admission lock. */
  int purges() {
    return purges;
  }

  /**
   * Requests added to any slot: exact once recording has stopped, a moment behind while it goes on (the stripes'
   * counters are read without their locks).
   */
  long recorded() {
    long sum = 0;
    for (long[] stripe : locks) {
      sum += (long) LONGS.getOpaque(stripe, RECORDED);
    }
    return sum;
  }

  /** Bins a half of slot {@code n} can hold before it grows, for tests of the bound. */
  int capacity(int n) {
    return (table.counts[n].length >>> 1) - BINS;
  }

  /** One request in {@code half} of slot {@code n} (the caller holds its lock); a timeout counts as such. */
  void addTo(int n, int half, int status, int bin, boolean timeout) {
    addTo(table, n, half, status, bin, timeout);
  }

  /** The counts of {@code half} of slot {@code n}, emptied, or null if it had none (the caller holds its lock). */
  TenantCounts take(int n, int half) {
    return take(table, n, half);
  }

  private static void lock(long[] stripe) {
    if (!LONGS.compareAndSet(stripe, LOCK, 0L, 1L)) {
      lockContended(stripe);
    }
  }

  /** Spins a little (a holder keeps a stripe for tens of nanoseconds), then yields its core to the holder. */
  private static void lockContended(long[] stripe) {
    for (int spins = 0; ; spins++) {
      if ((long) LONGS.getOpaque(stripe, LOCK) == 0L && LONGS.compareAndSet(stripe, LOCK, 0L, 1L)) {
        return;
      }
      if (spins < SPINS_BEFORE_YIELD) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  private static void unlock(long[] stripe) {
    LONGS.setRelease(stripe, LOCK, 0L);
  }

  private void addTo(Table t, int n, int half, int status, int bin, boolean timeout) {
    int[] data = t.counts[n];
    int stride = data.length >>> 1;
    int base = half * stride;
    if (bin == IntervalAggregator.ZERO_BIN) {
      data[base + ZERO_COUNT]++;
    } else {
      int position = t.origins[2 * n + half] + bin;
      if (position < base + BINS || position >= base + stride) {
        position = makeRoom(t, n, half, bin);
        data = t.counts[n];
        base = half * (data.length >>> 1);
      }
      data[position]++;
    }
    if (timeout) {
      data[base + TIMEOUTS]++;
    } else if (status >= 500 && status <= 599) {
      data[base + STATUS_5XX]++;
    } else if (status >= 400 && status <= 499) {
      data[base + STATUS_4XX]++;
    }
  }

  /** The bin of {@code half}'s first bin. */
  private static int offset(Table t, int n, int half, int stride) {
    return half * stride + BINS - t.origins[2 * n + half];
  }

  private static void setOffset(Table t, int n, int half, int stride, int offset) {
    t.origins[2 * n + half] = half * stride + BINS - offset;
  }

  private TenantCounts take(Table t, int n, int half) {
    int[] data = t.counts[n];
    int stride = data.length >>> 1;
    int base = half * stride;
    int bins = 0;
    long requests = data[base + ZERO_COUNT];
    for (int k = base + BINS; k < base + stride; k++) {
      if (data[k] != 0) {
        bins++;
        requests += data[k];
      }
    }
    if (requests == 0) {
      return null;
    }
    int[] indexes = new int[bins];
    int[] counts = new int[bins];
    int j = 0;
    int origin = t.origins[2 * n + half];
    for (int k = base + BINS; k < base + stride; k++) {
      if (data[k] != 0) {
        indexes[j] = k - origin;
        counts[j++] = data[k];
        data[k] = 0;
      }
    }
    TenantCounts taken = new TenantCounts(t.keys[n], requests, data[base + STATUS_4XX], data[base + STATUS_5XX],
        data[base + TIMEOUTS], data[base + ZERO_COUNT], indexes, counts);
    Arrays.fill(data, base, base + BINS, 0);
    return taken;
  }

  private static boolean isEmpty(Table t, int n, int half) {
    int[] data = t.counts[n];
    int stride = data.length >>> 1;
    for (int k = half * stride + ZERO_COUNT; k < (half + 1) * stride; k++) {
      if (data[k] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Lays {@code half} out so that {@code index} fits, and returns the array index to count it in: its own bin's, or
   * the lowest kept bin's when the range would exceed {@code maxBins}.
   */
  private int makeRoom(Table t, int n, int half, int index) {
    int[] data = t.counts[n];
    int stride = data.length >>> 1;
    int capacity = stride - BINS;
    int first = half * stride + BINS;
    int offset = offset(t, n, half, stride);
    int low = Integer.MAX_VALUE;
    int high = Integer.MIN_VALUE;
    for (int k = 0; k < capacity; k++) {
      if (data[first + k] != 0) {
        low = Math.min(low, offset + k);
        high = offset + k;
      }
    }
    if (low > high) {
      setOffset(t, n, half, stride, index - capacity / 2);
      return first + capacity / 2;
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
        setOffset(t, n, half, stride, offset);
        high = keptLow;
      }
      low = keptLow;
      data[first + keptLow - offset] += folded;
    }
    int from = Math.min(low, index);
    int to = Math.max(high, index);
    if (from < offset || to >= offset + capacity) {
      relayOut(t, n, half, low, high, from, to);
    }
    return t.origins[2 * n + half] + index;
  }

  /** Moves {@code half}'s bins {@code low..high} so that {@code from..to} fits, growing both halves if need be. */
  private void relayOut(Table t, int n, int half, int low, int high, int from, int to) {
    int[] data = t.counts[n];
    int stride = data.length >>> 1;
    int offset = offset(t, n, half, stride);
    int capacity = stride - BINS;
    int span = to - from + 1;
    int newCapacity = span <= capacity ? capacity : Math.min(maxBins, Math.max(span + span / 2, 2 * capacity));
    int newStride = BINS + newCapacity;
    int newOffset = from - (newCapacity - span) / 2;
    int[] target = newStride == stride ? data : new int[2 * newStride];
    int other = half ^ 1;
    if (target != data) {
      System.arraycopy(data, other * stride, target, other * newStride, stride);
      System.arraycopy(data, half * stride, target, half * newStride, BINS);
      setOffset(t, n, other, newStride, offset(t, n, other, stride));
    }
    int oldFirst = half * stride + BINS;
    int newFirst = half * newStride + BINS;
    System.arraycopy(data, oldFirst + low - offset, target, newFirst + low - newOffset, high - low + 1);
    if (target == data) {
      // moved within the half: clear what the move left behind outside the new range
      Arrays.fill(data, newFirst, newFirst + low - newOffset, 0);
      Arrays.fill(data, newFirst + high - newOffset + 1, newFirst + newCapacity, 0);
    }
    t.counts[n] = target;
    setOffset(t, n, half, newStride, newOffset);
  }

  /** A power of two above twice the tenants: less than half full, so that a probe is short and ends at a free one. */
  private static int capacityFor(int maxTenants) {
    return Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.min(maxTenants, 1 << 28)) << 2);
  }

  private static final class Table {
    /** Null: never held; {@link #REMOVED}: freed since the table was built. */
    final String[] keys;
    final int[] hashes;
    final int[][] counts;
    /** Per slot and half, the array index of bin 0. */
    final int[] origins;
    final int[] idle;
    final int shift;
    /** Set when {@link #purge} starts moving the tenants to a fresh table. */
    volatile boolean replaced;

    Table(int capacity) {
      keys = new String[capacity];
      hashes = new int[capacity];
      counts = new int[capacity][];
      origins = new int[2 * capacity];
      idle = new int[capacity];
      shift = Integer.numberOfLeadingZeros(capacity) + 1;
    }

    int find(String tenantId, int hash) {
      int mask = keys.length - 1;
      int i = home(hash);
      for (int probes = 0; probes < keys.length; probes++, i = (i + 1) & mask) {
        String key = (String) KEYS.getAcquire(keys, i);
        if (key == tenantId) {
          return i;
        }
        if (key == null) {
          return NONE;
        }
        if (key != REMOVED && hashes[i] == hash && key.equals(tenantId)) {
          return i;
        }
      }
      return NONE;
    }

    /** The first never-held position from the hash's home, or {@link #NONE} if tombstones took them all. */
    int freePosition(int hash) {
      int mask = keys.length - 1;
      int i = home(hash);
      for (int probes = 0; probes < keys.length; probes++, i = (i + 1) & mask) {
        if (keys[i] == null) {
          return i;
        }
      }
      return NONE;
    }

    /** Fibonacci hashing: the top bits of the hash times 2^32 / φ, so that ids like tenant-1, tenant-2 spread. */
    private int home(int hash) {
      return (hash * 0x9E3779B9) >>> shift;
    }
  }
}
