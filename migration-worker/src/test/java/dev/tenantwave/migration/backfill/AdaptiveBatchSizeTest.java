package dev.tenantwave.migration.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdaptiveBatchSizeTest {

  @Test
  void shouldGrowFastBatchesAndShrinkSlowOnesTowardsTheTarget() {
    AdaptiveBatchSize size = new AdaptiveBatchSize(200, 100, 50_000, 1_000);
    assertThat(size.observe(1_000, 50)).isEqualTo(2_000); // at most doubles
    assertThat(size.observe(2_000, 400)).isEqualTo(1_000); // twice too slow: halves
    assertThat(size.observe(1_000, 250)).isEqualTo(800);
  }

  @Test
  void shouldStayWithinBoundsAndShrinkAfterAFailure() {
    AdaptiveBatchSize size = new AdaptiveBatchSize(200, 100, 1_500, 1_000);
    assertThat(size.observe(1_000, 1)).isEqualTo(1_500);
    assertThat(size.shrink()).isEqualTo(750);
    assertThat(size.shrink()).isEqualTo(375);
    assertThat(size.shrink()).isEqualTo(187);
    assertThat(size.shrink()).isEqualTo(100);
  }

  @Test
  void shortLastBatchShouldNotChangeTheSize() {
    AdaptiveBatchSize size = new AdaptiveBatchSize(200, 100, 5_000, 1_000);
    assertThat(size.observe(10, 1)).isEqualTo(1_000);
  }
}
