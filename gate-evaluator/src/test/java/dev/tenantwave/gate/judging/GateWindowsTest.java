package dev.tenantwave.gate.judging;

import static org.assertj.core.api.Assertions.assertThat;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.tenantwave.events.GateWindow;
import dev.tenantwave.events.LatencySketch;
import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.TenantRolloutState;
import java.time.Instant;
import java.util.UUID;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class GateWindowsTest {

  private static final long END = 1_700_000_010_000L;
  private static final TenantReleaseState JUDGED =
      JudgingPolicyTest.state("r1", "2.0", ReleasePhase.MIGRATE, TenantRolloutState.IN_PROGRESS);

  @Test
  void shouldCarryTheWindowsMeasuresItsBaselineAndTheReleasesLimits() {
    WindowTotals window = totals("2.0", 200, 10, 4, 90.0);
    WindowTotals baseline = totals("1.0", 1_000, 5, 0, 60.0);

    GateWindow published = GateWindows.of(JUDGED, window, baseline);

    assertThat(published.getTenantId()).isEqualTo("t-1");
    assertThat(published.getReleaseId()).isEqualTo("r1");
    assertThat(published.getAppVersion()).isEqualTo("2.0");
    assertThat(published.getJudgedVersion()).isTrue();
    assertThat(published.getWindowStart()).isEqualTo(Instant.ofEpochMilli(END - 10_000));
    assertThat(published.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(END));
    assertThat(published.getSequence()).isEqualTo(END);
    assertThat(published.getRequests()).isEqualTo(200);
    assertThat(published.getRate5xx()).isEqualTo(0.05);
    assertThat(published.getTimeoutRate()).isEqualTo(0.02);
    assertThat(published.getP95Millis()).isCloseTo(90.0, Percentage.withPercentage(1));
    assertThat(published.getP99Millis()).isCloseTo(90.0, Percentage.withPercentage(1));
    assertThat(published.getBaselineRate5xx()).isEqualTo(0.005);
    assertThat(published.getBaselineTimeoutRate()).isEqualTo(0.0);
    assertThat(published.getBaselineP95Millis()).isCloseTo(60.0, Percentage.withPercentage(1));
    assertThat(published.getBaselineP99Millis()).isCloseTo(60.0, Percentage.withPercentage(1));
    assertThat(published.getMax5xxRate()).isEqualTo(JUDGED.getGates().getMax5xxRate());
    assertThat(published.getMaxP95Millis()).isNull();
  }

  @Test
  void shouldLeaveOutQuantilesWithoutLatenciesAndTheBaselineWithoutOne() {
    GateWindow published = GateWindows.of(JUDGED, totals("2.0", 0, 0, 0, 0), null);

    assertThat(published.getRequests()).isZero();
    assertThat(published.getRate5xx()).isZero();
    assertThat(published.getP95Millis()).isNull();
    assertThat(published.getP99Millis()).isNull();
    assertThat(published.getBaselineRate5xx()).isNull();
    assertThat(published.getBaselineTimeoutRate()).isNull();
    assertThat(published.getBaselineP95Millis()).isNull();
    assertThat(published.getBaselineP99Millis()).isNull();
  }

  @Test
  void shouldTellTrafficOfAnotherVersionFromTheJudgedOne() {
    assertThat(GateWindows.of(JUDGED, totals("1.0", 10, 0, 0, 50.0), null).getJudgedVersion()).isFalse();
  }

  @Test
  void shouldKeepItsIdWhenPublishedAgainAndTellWindowsAndVersionsApart() {
    UUID id = GateWindows.of(JUDGED, totals("2.0", 10, 0, 0, 50.0), null).getEventId();

    assertThat(GateWindows.of(JUDGED, totals("2.0", 20, 1, 0, 70.0), null).getEventId())
        .as("the same window, published again after a crash").isEqualTo(id);
    assertThat(GateWindows.of(JUDGED, totals("1.0", 10, 0, 0, 50.0), null).getEventId()).isNotEqualTo(id);
  }

  /** A window ending at {@link #END} with {@code requests} requests, every one taking {@code latencyMillis}. */
  private static WindowTotals totals(String version, long requests, long errors5xx, long timeouts,
      double latencyMillis) {
    DDSketch sketch = LatencySketches.newSketch(0.01);
    if (requests > 0) {
      sketch.accept(latencyMillis, requests);
    }
    LatencySketch latency = LatencySketches.of(sketch);
    TenantRequestMetrics metrics = TenantRequestMetrics.newBuilder()
        .setEventId(UUID.randomUUID()).setSequence(1).setTenantId("t-1").setService("crm-api")
        .setAppVersion(version).setWindowStart(Instant.ofEpochMilli(END - 10_000))
        .setWindowEnd(Instant.ofEpochMilli(END)).setRequests(requests).setStatus5xx(errors5xx).setTimeouts(timeouts)
        .setLatency(latency).build();
    return new WindowTotals("t-1", version, END - 10_000, END, 0.01).add(metrics);
  }
}
