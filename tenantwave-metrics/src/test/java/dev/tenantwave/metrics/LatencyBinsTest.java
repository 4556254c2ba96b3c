package dev.tenantwave.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.events.LatencySketchLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyBinsTest {

  private final LatencyBins bins = LatencyBins.of(LatencySketchLayout.standard());

  @Test
  void shouldAgreeWithTheLibraryAtBothEndsOfEverySubBucketAndAroundEachBoundary() {
    // the library's index never decreases as the latency grows, so agreeing here means agreeing everywhere
    assertThat(bins.tabulated()).isTrue();
    int boundaries = 0;
    long previousHigh = -1;
    for (long[] bucket : bins.subBuckets()) {
      long low = bucket[0];
      long high = bucket[1];
      long boundary = bucket[2];
      if (low > high) {
        continue; // below 1 µs or from 24 h on: answered before the table
      }
      assertSameBin(low);
      assertSameBin(high);
      if (previousHigh >= 0) {
        assertThat(low).isEqualTo(previousHigh + 1);
        int step = bins.binOf(low) - bins.binOf(previousHigh);
        assertThat(step).as("bins between %s and %s ns", previousHigh, low).isBetween(0, 1);
        boundaries += step;
      }
      previousHigh = high;
      if (boundary >= 0) {
        boundaries++;
        assertThat(boundary).isBetween(low + 1, high);
        assertSameBin(boundary - 1);
        assertSameBin(boundary);
        assertThat(bins.binOf(boundary)).isEqualTo(bins.binOf(boundary - 1) + 1);
      } else {
        assertThat(bins.binOf(high)).isEqualTo(bins.binOf(low));
      }
    }
    LatencySketchLayout layout = LatencySketchLayout.standard();
    assertThat(boundaries).as("every bin boundary from 1 µs to 24 h")
        .isEqualTo(bins.binOf(LatencyBins.MAX_NANOS - 1) - bins.binOf(LatencyBins.MIN_NANOS));
    assertThat(previousHigh).isEqualTo(LatencyBins.MAX_NANOS - 1);
    assertThat(bins.binOf(LatencyBins.MIN_NANOS)).isEqualTo(layout.minIndex());
  }

  @Test
  void shouldGiveTheLibrarysBinForMillionsOfLatencies() {
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 5_000_000; i++) {
      // log-uniform from 0.1 µs to 100 days, then the neighbours of each
      long nanos = (long) Math.exp(random.nextDouble(Math.log(100), Math.log(8.64e15)));
      for (long n = nanos - 2; n <= nanos + 2; n++) {
        assertSameBin(n);
      }
    }
    for (long nanos = -10; nanos < 200_000; nanos++) {
      assertSameBin(nanos);
    }
    for (long nanos : new long[] {Long.MIN_VALUE, 0, 999, 1_000, 1_001, LatencyBins.MAX_NANOS - 1,
        LatencyBins.MAX_NANOS, Long.MAX_VALUE}) {
      assertSameBin(nanos);
    }
  }

  @Test
  void shouldAgreeWithTheLibraryAtOtherAccuraciesToo() {
    for (double accuracy : new double[] {0.05, 0.02, 0.005, 0.001, 0.0001}) {
      LatencyBins other = LatencyBins.of(LatencySketchLayout.of(accuracy));
      SplittableRandom random = new SplittableRandom(5);
      for (int i = 0; i < 500_000; i++) {
        long nanos = (long) Math.exp(random.nextDouble(Math.log(500), Math.log(1e14)));
        assertThat(other.binOf(nanos)).as("%s ns at %s", nanos, accuracy).isEqualTo(other.referenceBinOf(nanos));
      }
    }
  }

  private void assertSameBin(long nanos) {
    assertThat(bins.binOf(nanos)).as("%s ns", nanos).isEqualTo(bins.referenceBinOf(nanos));
  }
}
