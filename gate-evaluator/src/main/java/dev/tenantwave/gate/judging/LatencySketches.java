package dev.tenantwave.gate.judging;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import dev.tenantwave.events.LatencySketch;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract's {@link LatencySketch} is the bins of a DDSketch with a logarithmic index mapping. Merging adds
 * the counts of equal indexes, so it needs no sketch object; quantiles are read through DataDog's DDSketch.
 */
public final class LatencySketches {

  public static final double DEFAULT_RELATIVE_ACCURACY = 0.01;

  private LatencySketches() {}

  public static LatencySketch empty(double relativeAccuracy) {
    return new LatencySketch(relativeAccuracy, new ArrayList<>(), new ArrayList<>(), 0.0);
  }

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
    return new DDSketch(new LogarithmicMapping(relativeAccuracy), UnboundedSizeDenseStore::new);
  }

  /** Adds b's bins to a's; both must use the same relative accuracy. */
  public static LatencySketch merge(LatencySketch a, LatencySketch b) {
    if (b.getIndexes().isEmpty() && b.getZeroCount() == 0) {
      return a;
    }
    if (a.getIndexes().isEmpty() && a.getZeroCount() == 0) {
      return copy(b);
    }
    if (!sameAccuracy(a.getRelativeAccuracy(), b.getRelativeAccuracy())) {
      throw new IllegalArgumentException("cannot merge sketches of relative accuracy "
          + a.getRelativeAccuracy() + " and " + b.getRelativeAccuracy());
    }
    List<Integer> ai = a.getIndexes();
    List<Double> ac = a.getCounts();
    List<Integer> bi = b.getIndexes();
    List<Double> bc = b.getCounts();
    List<Integer> indexes = new ArrayList<>(ai.size() + bi.size());
    List<Double> counts = new ArrayList<>(ai.size() + bi.size());
    int i = 0;
    int j = 0;
    while (i < ai.size() || j < bi.size()) {
      int x = i < ai.size() ? ai.get(i) : Integer.MAX_VALUE;
      int y = j < bi.size() ? bi.get(j) : Integer.MAX_VALUE;
      if (i < ai.size() && (j >= bi.size() || x < y)) {
        indexes.add(x);
        counts.add(ac.get(i++));
      } else if (j < bi.size() && (i >= ai.size() || y < x)) {
        indexes.add(y);
        counts.add(bc.get(j++));
      } else {
        indexes.add(x);
        counts.add(ac.get(i++) + bc.get(j++));
      }
    }
    return new LatencySketch(a.getRelativeAccuracy(), indexes, counts, a.getZeroCount() + b.getZeroCount());
  }

  /** The latency at quantile q (0..1), or NaN when the sketch is empty. */
  public static double quantile(LatencySketch sketch, double q) {
    DDSketch ddSketch = toDDSketch(sketch);
    return ddSketch.isEmpty() ? Double.NaN : ddSketch.getValueAtQuantile(q);
  }

  /** How many latencies the sketch holds, and how many of them lie above the given value. */
  public static Tail tailAbove(LatencySketch sketch, double value) {
    IndexMapping mapping = new LogarithmicMapping(sketch.getRelativeAccuracy());
    double total = sketch.getZeroCount();
    double above = 0;
    for (int k = 0; k < sketch.getIndexes().size(); k++) {
      double count = sketch.getCounts().get(k);
      total += count;
      if (mapping.value(sketch.getIndexes().get(k)) > value) {
        above += count;
      }
    }
    return new Tail(total, above);
  }

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
    for (int k = 1; k < sketch.getIndexes().size(); k++) {
      if (sketch.getIndexes().get(k) <= sketch.getIndexes().get(k - 1)) {
        return "latency.indexes must be strictly ascending";
      }
    }
    for (double count : sketch.getCounts()) {
      if (!(count >= 0)) {
        return "latency.counts must not be negative";
      }
    }
    return null;
  }

  static DDSketch toDDSketch(LatencySketch sketch) {
    UnboundedSizeDenseStore positive = new UnboundedSizeDenseStore();
    for (int k = 0; k < sketch.getIndexes().size(); k++) {
      positive.add(sketch.getIndexes().get(k), sketch.getCounts().get(k));
    }
    return DDSketch.of(new LogarithmicMapping(sketch.getRelativeAccuracy()), new UnboundedSizeDenseStore(), positive,
        sketch.getZeroCount());
  }

  private static LatencySketch copy(LatencySketch s) {
    return new LatencySketch(s.getRelativeAccuracy(), new ArrayList<>(s.getIndexes()), new ArrayList<>(s.getCounts()),
        s.getZeroCount());
  }
}
