package dev.tenantwave.gate.judging;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import dev.tenantwave.events.LatencySketch;
import dev.tenantwave.events.LatencySketchLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract's {@link LatencySketch} is the bins of a DDSketch laid out as {@link LatencySketchLayout} says (the
 * layout publishers use too); {@link WindowTotals} adds them into such a sketch, whose quantiles are DataDog's.
 */
public final class LatencySketches {

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

  /** A DDSketch whose bins {@link #of(DDSketch)} can carry: the contract's mapping, unbounded dense store. */
  public static DDSketch newSketch(double relativeAccuracy) {
    return new DDSketch(mapping(relativeAccuracy), UnboundedSizeDenseStore::new);
  }

  /** The contract's (immutable) mapping of that accuracy ({@link LatencySketchLayout}). */
  static LogarithmicMapping mapping(double relativeAccuracy) {
    return LatencySketchLayout.of(relativeAccuracy).mapping();
  }

  /** Counts of a sketch: all of its values, and those above a cut-off. */
  public record Tail(double total, double above) {}

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
      LatencySketchLayout layout = LatencySketchLayout.of(sketch.getRelativeAccuracy());
      if (IntList.intAt(indexes, 0) < layout.minIndex() || previous > layout.maxIndex()) {
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
