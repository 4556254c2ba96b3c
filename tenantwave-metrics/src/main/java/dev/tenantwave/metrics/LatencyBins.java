package dev.tenantwave.metrics;

import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import dev.tenantwave.events.LatencySketchLayout;

/**
 * The DDSketch bin of a latency in nanoseconds, exactly as {@link #referenceBinOf} computes it with DataDog's
 * {@link LogarithmicMapping} of {@link LatencySketchLayout}, without a logarithm per call.
 *
 * <p>A latency's binary exponent and the next {@code bits} bits below its leading one pick a sub-bucket of the
 * latency range, narrower than a bin (at 1 % accuracy bins are 2 % wide and 128 sub-buckets split each octave, so a
 * sub-bucket spans at most 0.8 %). A sub-bucket therefore holds at most one bin boundary; the table keeps, per
 * sub-bucket, the bin of its smallest latency and the smallest latency of the next bin, both taken from the
 * library's mapping when the recorder starts. The library's index is non-decreasing in the latency (a semi-monotonic
 * logarithm, then multiplications and a floor), so agreeing with it at each sub-bucket's ends and on both sides of
 * its boundary means agreeing everywhere; {@code LatencyBinsTest} checks exactly that. Should an accuracy need a
 * finer table than 2^{@value #MAX_BITS} sub-buckets an octave, the library's mapping is called directly.
 */
final class LatencyBins {

  /** The bin of latencies below 1 µs (and negative ones), counted in the sketch's {@code zeroCount}. */
  static final int ZERO_BIN = Integer.MIN_VALUE;

  static final long MIN_NANOS = Math.round(LatencySketchLayout.MIN_LATENCY_MILLIS * 1e6);
  static final long MAX_NANOS = Math.round(LatencySketchLayout.MAX_LATENCY_MILLIS * 1e6);
  private static final int MIN_EXPONENT = 63 - Long.numberOfLeadingZeros(MIN_NANOS);
  private static final int MAX_EXPONENT = 63 - Long.numberOfLeadingZeros(MAX_NANOS);
  private static final int MAX_BITS = MIN_EXPONENT;
  /** An entry is the next bin's first latency (48 bits; this one if none) over the bin's offset from minIndex. */
  private static final int INDEX_BITS = 16;
  private static final long NO_BOUNDARY = (1L << (64 - INDEX_BITS)) - 1;

  private final LogarithmicMapping mapping;
  private final int minIndex;
  private final int maxIndex;
  private final int bits;
  private final long[] table; // null: call the mapping

  private LatencyBins(LatencySketchLayout layout) {
    this.mapping = layout.mapping();
    this.minIndex = layout.minIndex();
    this.maxIndex = layout.maxIndex();
    this.bits = bitsFor(mapping);
    this.table = bits <= MAX_BITS && maxIndex - minIndex < (1 << INDEX_BITS) - 1 ? build() : null;
  }

  static LatencyBins of(LatencySketchLayout layout) {
    return new LatencyBins(layout);
  }

  /** The bin of a latency: 24 h and more in the last bin, below 1 µs (or negative) {@link #ZERO_BIN}. */
  int binOf(long nanos) {
    if (nanos < MIN_NANOS) {
      return ZERO_BIN;
    }
    if (nanos >= MAX_NANOS) {
      return maxIndex;
    }
    if (table == null) {
      return referenceBinOf(nanos);
    }
    long entry = table[subBucket(nanos)];
    int index = minIndex + (int) (entry & ((1 << INDEX_BITS) - 1));
    return nanos >= entry >>> INDEX_BITS ? index + 1 : index;
  }

  /** The library's bin of a latency, what {@link #binOf} must equal. */
  int referenceBinOf(long nanos) {
    if (nanos < MIN_NANOS) {
      return ZERO_BIN;
    }
    if (nanos >= MAX_NANOS) {
      return maxIndex;
    }
    return Math.max(minIndex, Math.min(maxIndex, mapping.index(nanos * 1e-6)));
  }

  /** Whether a table serves this accuracy (false: every call asks the library). */
  boolean tabulated() {
    return table != null;
  }

  /** The smallest and largest latency of every sub-bucket, and its boundary if any, for the test of identity. */
  long[][] subBuckets() {
    int count = (MAX_EXPONENT - MIN_EXPONENT + 1) << bits;
    long[][] buckets = new long[count][];
    for (int key = 0; key < count; key++) {
      long[] range = rangeOf(key);
      long boundary = table[key] >>> INDEX_BITS;
      buckets[key] = new long[] {range[0], range[1], boundary == NO_BOUNDARY ? -1 : boundary};
    }
    return buckets;
  }

  private int subBucket(long nanos) {
    int leadingZeros = Long.numberOfLeadingZeros(nanos);
    int belowLeadingOne = (int) ((nanos << leadingZeros << 1) >>> (64 - bits));
    return ((63 - leadingZeros - MIN_EXPONENT) << bits) | belowLeadingOne;
  }

  /** Enough sub-buckets an octave that one is narrower than a bin: 2^-bits below gamma - 1. */
  private static int bitsFor(LogarithmicMapping mapping) {
    double accuracy = mapping.relativeAccuracy();
    double gamma = (1 + accuracy) / (1 - accuracy);
    return (int) Math.ceil(Math.log(1 / (gamma - 1)) / Math.log(2)) + 1;
  }

  private long[] build() {
    long[] entries = new long[(MAX_EXPONENT - MIN_EXPONENT + 1) << bits];
    for (int key = 0; key < entries.length; key++) {
      long[] range = rangeOf(key);
      if (range[0] > range[1]) {
        continue; // below 1 µs or from 24 h: answered before the table
      }
      int low = referenceBinOf(range[0]);
      int high = referenceBinOf(range[1]);
      if (high - low > 1) {
        return null;
      }
      entries[key] = (high == low ? NO_BOUNDARY : firstOf(high, range[0], range[1])) << INDEX_BITS
          | (low - minIndex);
    }
    return entries;
  }

  /** The sub-bucket's latencies, clamped to [1 µs, 24 h). */
  private long[] rangeOf(int key) {
    int exponent = MIN_EXPONENT + (key >>> bits);
    long width = 1L << (exponent - bits);
    long first = (1L << exponent) + (key & ((1 << bits) - 1)) * width;
    return new long[] {Math.max(first, MIN_NANOS), Math.min(first + width - 1, MAX_NANOS - 1)};
  }

  /** The smallest latency in {@code (low, high]} in bin {@code index}, which {@code high} is in. */
  private long firstOf(int index, long low, long high) {
    while (high - low > 1) {
      long middle = (low + high) >>> 1;
      if (referenceBinOf(middle) >= index) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return high;
  }
}
