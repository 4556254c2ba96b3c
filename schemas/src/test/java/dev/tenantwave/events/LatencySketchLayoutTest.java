package dev.tenantwave.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencySketchLayoutTest {

  private final LatencySketchLayout layout = LatencySketchLayout.standard();

  @Test
  void shouldBoundTheBinsByOneMicrosecondAndOneDay() {
    assertThat(layout.relativeAccuracy()).isEqualTo(0.01);
    assertThat(layout.minIndex()).isEqualTo(layout.mapping().index(0.001));
    assertThat(layout.maxIndex()).isEqualTo(layout.mapping().index(86_400_000.0));
    // 1 % accuracy: bins 2 % wide, about 1,260 of them between 1 µs and 24 h
    assertThat(layout.maxIndex() - layout.minIndex() + 1).isBetween(1_250, 1_270);
  }

  @Test
  void shouldMapEveryLatencyToABinWithinTheAccuracy() {
    for (double millis = 0.001; millis < 86_400_000.0; millis *= 1.37) {
      double value = layout.mapping().value(layout.mapping().index(millis));
      assertThat(value).as("%s ms", millis).isCloseTo(millis, within(millis * 0.01));
    }
  }

  @Test
  void shouldKeepTheLastLayoutAndTellEqualAccuraciesApart() {
    assertThat(LatencySketchLayout.of(0.01)).isSameAs(LatencySketchLayout.of(0.01));
    assertThat(LatencySketchLayout.sameAccuracy(0.01, layout.mapping().relativeAccuracy())).isTrue();
    assertThat(LatencySketchLayout.sameAccuracy(0.01, 0.02)).isFalse();
    assertThatThrownBy(() -> LatencySketchLayout.of(1.0)).isInstanceOf(IllegalArgumentException.class);
  }
}
