package dev.tenantwave.migration.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThrottleTest {

  @Test
  void shouldRunFlatOutOnAnIdleDatabase() {
    Throttle throttle = Throttle.standard();
    for (int i = 0; i < 10; i++) {
      assertThat(throttle.pauseAfter(1_000, 100, 0)).isZero();
    }
  }

  @Test
  void shouldBackOffUnderForegroundLoadAndRecoverAfter() {
    Throttle throttle = Throttle.standard();
    throttle.pauseAfter(1_000, 100, 0);
    assertThat(throttle.pauseAfter(1_000, 100, 3)).isEqualTo(100); // duty 1/2
    assertThat(throttle.pauseAfter(1_000, 100, 3)).isEqualTo(300); // duty 1/4
    long pause = throttle.pauseAfter(1_000, 100, 0);
    assertThat(pause).isLessThan(300).isPositive();
  }

  @Test
  void shouldTreatBatchesMuchSlowerThanTheBaselineAsPressure() {
    Throttle throttle = Throttle.standard();
    throttle.pauseAfter(1_000, 100, 0);
    assertThat(throttle.pauseAfter(1_000, 400, 0)).isPositive(); // 4x the baseline
    assertThat(throttle.duty()).isLessThan(1.0);
  }
}
