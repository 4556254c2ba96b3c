package dev.tenantwave.gate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.tenantwave.gate.judging.LatencySketches;
import dev.tenantwave.gate.judging.WindowTotals;
import org.junit.jupiter.api.Test;

class WindowTotalsSerdeTest {

  @Test
  void shouldReadBackWhatItWrote() {
    // Given a window that summed two published records, one of them with zero-latency requests
    DDSketch first = LatencySketches.newSketch(0.01);
    first.accept(12.5, 40);
    first.accept(480.0, 3);
    first.accept(0.0, 2);
    DDSketch second = LatencySketches.newSketch(0.01);
    second.accept(13.0, 10);
    WindowTotals totals = new WindowTotals("acme-eu", "v2.3.1", 1_700_000_000_000L, 1_700_000_010_000L, 0.01)
        .add(GateEvents.metrics("acme-eu", "v2.3.1", 1_700_000_000_000L, 45, 2, 1, first))
        .add(GateEvents.metrics("acme-eu", "v2.3.1", 1_700_000_001_000L, 10, 0, 0, second));

    // When it goes through the store's serde
    WindowTotals read = WindowTotalsSerde.read(WindowTotalsSerde.write(totals));

    // Then every count, bound and quantile is the same
    assertThat(read).usingRecursiveComparison().ignoringFields("sketch").isEqualTo(totals);
    assertThat(read.records()).isEqualTo(2);
    assertThat(read.requests()).isEqualTo(55);
    assertThat(read.tailAbove(0).total()).isEqualTo(55.0);
    for (double q : new double[] {0.0, 0.03, 0.5, 0.95, 0.99, 1.0}) {
      assertThat(read.quantile(q)).isEqualTo(totals.quantile(q));
    }
    assertThat(read.tailAbove(100.0)).isEqualTo(totals.tailAbove(100.0));
  }

  @Test
  void shouldKeepFractionalCountsAndBinsFarApart() {
    // Given a sketch with a weighted (fractional) count and bins from 1 µs to 24 h
    DDSketch sketch = LatencySketches.newSketch(0.01);
    sketch.accept(0.001, 2.5);
    sketch.accept(86_400_000.0, 1);
    sketch.accept(40.0, 1_000_000_007L);
    WindowTotals totals = new WindowTotals("t", "v", 0, 10_000, 0.01)
        .add(GateEvents.metrics("t", "v", 0, 1, 0, 0, sketch));

    // When it goes through the store's serde
    WindowTotals read = WindowTotalsSerde.read(WindowTotalsSerde.write(totals));

    // Then the bins and counts are the same
    assertThat(read).usingRecursiveComparison().ignoringFields("sketch").isEqualTo(totals);
    assertThat(read.tailAbove(0).total()).isEqualTo(sketch.getCount());
    assertThat(read.quantile(0.0)).isEqualTo(sketch.getMinValue());
    assertThat(read.quantile(1.0)).isEqualTo(sketch.getMaxValue());
    assertThat(read.quantile(0.5)).isEqualTo(sketch.getValueAtQuantile(0.5));
  }
}
