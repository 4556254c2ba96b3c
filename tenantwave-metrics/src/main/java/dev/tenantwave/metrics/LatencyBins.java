package dev.tenantwave.metrics;

import java.util.Arrays;

/**
 * The counts of one tenant's DDSketch bins in one interval, updated in place: {@code counts[i]} is the count of bin
 * index {@code offset + i}. The array is kept from one interval to the next, so a tenant whose latencies stay in
 * the same range never allocates; it grows only when the range widens, up to {@code maxBins}. Past that, the lowest
 * bins are folded into the lowest kept one (DataDog's collapsing-lowest store does the same): the slow end, which the
 * gate judges (p95, p99, the tail above a baseline), keeps its accuracy. Not thread-safe: {@link TenantSlot} guards it.
 */
final class LatencyBins {

  private final int maxBins;
  private int[] counts;
  private int offset;
  /** The non-empty range, inclusive; empty when {@code low > high}. */
  private int low = Integer.MAX_VALUE;
  private int high = Integer.MIN_VALUE;

  LatencyBins(int initialBins, int maxBins) {
    this.maxBins = maxBins;
    this.counts = new int[Math.min(initialBins, maxBins)];
  }

  void add(int index) {
    if (index < offset || index >= offset + counts.length) {
      index = makeRoom(index);
    }
    counts[index - offset]++;
    if (index < low) {
      low = index;
    }
    if (index > high) {
      high = index;
    }
  }

  boolean isEmpty() {
    return low > high;
  }

  /** Number of non-empty bins. */
  int size() {
    int n = 0;
    for (int index = low; index <= high; index++) {
      if (counts[index - offset] != 0) {
        n++;
      }
    }
    return n;
  }

  /** Copies the non-empty bins, ascending, into arrays of {@link #size()} elements. */
  void copyTo(int[] indexes, int[] binCounts) {
    int k = 0;
    for (int index = low; index <= high; index++) {
      int count = counts[index - offset];
      if (count != 0) {
        indexes[k] = index;
        binCounts[k++] = count;
      }
    }
  }

  /** Empties the bins and keeps the array (and its offset) for the next interval. */
  void clear() {
    if (!isEmpty()) {
      Arrays.fill(counts, low - offset, high - offset + 1, 0);
      low = Integer.MAX_VALUE;
      high = Integer.MIN_VALUE;
    }
  }

  /** Capacity of the array, for tests of the bound. */
  int capacity() {
    return counts.length;
  }

  /**
   * Lays the array out so that {@code index} fits, and returns the index to count it in: itself, or the lowest kept
   * bin when the range would exceed {@code maxBins}.
   */
  private int makeRoom(int index) {
    if (isEmpty()) {
      offset = index - counts.length / 2;
      return index;
    }
    int keptLow = Math.max(Math.min(low, index), Math.max(high, index) - maxBins + 1);
    if (index < keptLow) {
      index = keptLow;
    }
    if (low < keptLow) {
      foldBelow(keptLow);
    }
    int from = Math.min(low, index);
    int to = Math.max(high, index);
    if (from >= offset && to < offset + counts.length) {
      return index;
    }
    int span = to - from + 1;
    int[] target = span <= counts.length ? counts
        : new int[Math.min(maxBins, Math.max(span + span / 2, 2 * counts.length))];
    int newOffset = from - (target.length - span) / 2;
    int length = high - low + 1;
    System.arraycopy(counts, low - offset, target, low - newOffset, length);
    if (target == counts) {
      // moved within the same array: clear what the move left behind outside the new range
      Arrays.fill(counts, 0, low - newOffset, 0);
      Arrays.fill(counts, high - newOffset + 1, counts.length, 0);
    }
    counts = target;
    offset = newOffset;
    return index;
  }

  /** Adds the counts of the bins below {@code keptLow} into bin {@code keptLow} (which may lie outside the array). */
  private void foldBelow(int keptLow) {
    int folded = 0;
    int last = Math.min(high, keptLow - 1);
    for (int index = low; index <= last; index++) {
      folded += counts[index - offset];
      counts[index - offset] = 0;
    }
    if (keptLow > high) {
      // everything folded: the array is all zeros now, so centre it on keptLow
      offset = keptLow - counts.length / 2;
      high = keptLow;
    }
    low = keptLow;
    counts[keptLow - offset] += folded;
  }
}
