package dev.tenantwave.events;

import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;

/**
 * How a {@link LatencySketch} lays latencies out, the one place publishers and the gate evaluator take it from: the
 * bins of a DataDog DDSketch with a {@link LogarithmicMapping} of latencies in milliseconds, at a relative accuracy
 * that both sides must share so that sketches merge by adding the counts of equal indexes. Bins hold latencies from
 * {@value #MIN_LATENCY_MILLIS} ms (1 µs) to {@value #MAX_LATENCY_MILLIS} ms (24 h); anything faster is counted in
 * {@code zeroCount}, and the gate refuses bins outside that range.
 */
public final class LatencySketchLayout {

  public static final double DEFAULT_RELATIVE_ACCURACY = 0.01;
  public static final double MIN_LATENCY_MILLIS = 0.001;
  public static final double MAX_LATENCY_MILLIS = 86_400_000.0;

  private static volatile LatencySketchLayout last;

  private final double relativeAccuracy;
  private final LogarithmicMapping mapping;
  private final int minIndex;
  private final int maxIndex;

  private LatencySketchLayout(double relativeAccuracy) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new IllegalArgumentException("relativeAccuracy must be in (0, 1), was " + relativeAccuracy);
    }
    this.relativeAccuracy = relativeAccuracy;
    this.mapping = new LogarithmicMapping(relativeAccuracy);
    this.minIndex = mapping.index(MIN_LATENCY_MILLIS);
    this.maxIndex = mapping.index(MAX_LATENCY_MILLIS);
  }

  /** The layout of the contract's default accuracy, {@value #DEFAULT_RELATIVE_ACCURACY}. */
  public static LatencySketchLayout standard() {
    return of(DEFAULT_RELATIVE_ACCURACY);
  }

  /**
   * The layout of that accuracy. The last one is kept, since building a mapping takes logarithms and callers ask
   * for one per window or record, almost always of the same accuracy.
   */
  public static LatencySketchLayout of(double relativeAccuracy) {
    LatencySketchLayout layout = last;
    if (layout == null || layout.relativeAccuracy != relativeAccuracy) {
      layout = new LatencySketchLayout(relativeAccuracy);
      last = layout;
    }
    return layout;
  }

  /**
   * The accuracy asked for, as records carry it. The mapping reports its accuracy as recomputed from gamma (0.01
   * as 0.0099999999996); {@link #sameAccuracy} tells the two apart from a different accuracy.
   */
  public double relativeAccuracy() {
    return relativeAccuracy;
  }

  /** DataDog's (immutable) index mapping of this layout. */
  public LogarithmicMapping mapping() {
    return mapping;
  }

  /** Index of the bin of {@value #MIN_LATENCY_MILLIS} ms, the lowest a record may carry. */
  public int minIndex() {
    return minIndex;
  }

  /** Index of the bin of {@value #MAX_LATENCY_MILLIS} ms, the highest a record may carry. */
  public int maxIndex() {
    return maxIndex;
  }

  /** Equal up to the rounding of the mapping's own accuracy computation. */
  public static boolean sameAccuracy(double a, double b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
}
