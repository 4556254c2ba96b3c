package dev.tenantwave.gate.judging;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import dev.tenantwave.events.LatencySketch;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract's {@link LatencySketch} is the bins of a DDSketch with a logarithmic index mapping and a dense
 * store; {@link WindowTotals} adds them into such a sketch, whose quantiles are DataDog's.
 */
public final class LatencySketches {

  public static final double DEFAULT_RELATIVE_ACCURACY = 0.01;
  static final double MIN_LATENCY_MILLIS = 0.001;
  static final double MAX_LATENCY_MILLIS = 86_400_000.0;

  private static volatile Mapping lastMapping;

  private LatencySketches() {}

  /** The bins of a DDSketch built with {@link #newSketch(double)}, as the contract carries them. */
  public static LatencySketch of(DDSketch sketch) {
    List<Integer> indexes = new ArrayList<>();
    List<Double> counts = new ArrayList<>();
    sketch.getPositiveValueStore().forEach((index, count) -> {
      indexes.add(index);
      counts.add(count);
    });
    double zeroCount = sketch.getCount() - sketch.getPositiveValueStore().getTotalCount()
        - sketch.getNegativeValueStore().getTotalCount();
    return new LatencySketch(sketch.getIndexMapping().relativeAccuracy(), indexes, counts, zeroCount);
  }

  /** A DDSketch whose bins {@link #of(DDSketch)} can carry: logarithmic mapping, unbounded dense store. */
  public static DDSketch newSketch(double relativeAccuracy) {
    return new DDSketch(mapping(relativeAccuracy), UnboundedSizeDenseStore::new);
  }

  /**
   * The (immutable) mapping of that accuracy; the last one is kept, since building one takes logarithms and every
   * window and every validated record needs one, almost always of the same accuracy.
   */
  static LogarithmicMapping mapping(double relativeAccuracy) {
    return cached(relativeAccuracy).mapping();
  }

  private static Mapping cached(double relativeAccuracy) {
    Mapping last = lastMapping;
    if (last != null && last.requestedAccuracy() == relativeAccuracy) {
      return last;
    }
    LogarithmicMapping mapping = new LogarithmicMapping(relativeAccuracy);
    last = new Mapping(relativeAccuracy, mapping, mapping.index(MIN_LATENCY_MILLIS),
        mapping.index(MAX_LATENCY_MILLIS));
    lastMapping = last;
    return last;
  }

  /**
   * A mapping with the bin indexes of the smallest and largest latency a record may carry. The mapping reports its
   * accuracy as recomputed from gamma (0.01 as 0.0099999999996), so the accuracy asked for is kept.
   */
  private record Mapping(double requestedAccuracy, LogarithmicMapping mapping, int minIndex, int maxIndex) {}

  /** Counts of a sketch: all of its values, and those above a cut-off. */
  public record Tail(double total, double above) {}

  /** Equal up to the rounding of the mapping's own accuracy computation (0.01 comes back as 0.0099999999996). */
  public static boolean sameAccuracy(double a, double b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }

  /** Checks the shape a publisher must respect; the reason when it does not. */
  public static String invalidReason(LatencySketch sketch) {
    if (!(sketch.getRelativeAccuracy() > 0 && sketch.getRelativeAccuracy() < 1)) {
      return "latency.relativeAccuracy must be in (0, 1), was " + sketch.getRelativeAccuracy();
    }
    if (sketch.getIndexes().size() != sketch.getCounts().size()) {
      return "latency.indexes and latency.counts differ in length";
    }
    List<Integer> indexes = sketch.getIndexes();
    int n = indexes.size();
    int previous = Integer.MIN_VALUE;
    for (int k = 0; k < n; k++) {
      int index = IntList.intAt(indexes, k);
      if (k > 0 && index <= previous) {
        return "latency.indexes must be strictly ascending";
      }
      previous = index;
    }
    if (n > 0) {
      // The gate adds bins into a dense store: bounded indexes keep a hostile record from allocating gigabytes.
      Mapping mapping = cached(sketch.getRelativeAccuracy());
      if (IntList.intAt(indexes, 0) < mapping.minIndex() || previous > mapping.maxIndex()) {
        return "latency.indexes must map to latencies between 1 µs and 24 h";
      }
    }
    List<Double> counts = sketch.getCounts();
    for (int k = 0; k < n; k++) {
      if (!(DoubleList.doubleAt(counts, k) >= 0)) {
        return "latency.counts must not be negative";
      }
    }
    return null;
  }
}
