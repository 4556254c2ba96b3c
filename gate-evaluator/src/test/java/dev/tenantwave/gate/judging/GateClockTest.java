package dev.tenantwave.gate.judging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GateClockTest {

  private static final long WALL = 1_000_000L;
  private static final long IDLE_AFTER = 2_000L;

  @Test
  void shouldBeStreamTimeWhileThePartitionReadsRecords() {
    assertThat(GateClock.now(WALL - 30_000, WALL, WALL - 100, IDLE_AFTER)).isEqualTo(WALL - 30_000);
  }

  @Test
  void shouldNeverRunAheadOfTheWallClock() {
    assertThat(GateClock.now(WALL + 25_000, WALL, WALL, IDLE_AFTER)).isEqualTo(WALL);
    assertThat(GateClock.now(WALL + 25_000, WALL, WALL - 60_000, IDLE_AFTER)).isEqualTo(WALL);
  }

  @Test
  void shouldFollowTheWallClockBehindByTheIdleTimeOnceNothingWasReadForThatLong() {
    assertThat(GateClock.now(WALL - 600_000, WALL, WALL - IDLE_AFTER, IDLE_AFTER)).isEqualTo(WALL - IDLE_AFTER);
    assertThat(GateClock.now(WALL - 600_000, WALL, WALL - IDLE_AFTER + 1, IDLE_AFTER)).isEqualTo(WALL - 600_000);
  }

  @Test
  void shouldKeepStreamTimeWhenItIsAheadOfTheIdleClock() {
    assertThat(GateClock.now(WALL - 500, WALL, WALL - 60_000, IDLE_AFTER)).isEqualTo(WALL - 500);
  }
}
