package dev.tenantwave.gate.judging;

import dev.tenantwave.events.GateSpec;
import dev.tenantwave.events.GateWindow;
import dev.tenantwave.events.TenantReleaseState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds the {@link GateWindow} that a judged tenant's closed window publishes for charts: the window's measures,
 * the tenant's own baseline for the same measures and the release's absolute limits. Its event id is a name-based
 * UUID of tenant, release, version and window end, so a window published again after a crash carries the same id.
 */
public final class GateWindows {

  private GateWindows() {
  }

  /**
   * @param state the tenant's judged release state
   * @param window the closed window
   * @param baseline the tenant's totals on the previous version before the switch, or null when there are none
   */
  public static GateWindow of(TenantReleaseState state, WindowTotals window, WindowTotals baseline) {
    GateSpec spec = state.getGates();
    boolean hasBaseline = baseline != null && baseline.requests() > 0;
    return GateWindow.newBuilder()
        .setEventId(UUID.nameUUIDFromBytes((window.tenantId() + "|" + state.getReleaseId() + "|"
            + window.appVersion() + "|" + window.windowEnd()).getBytes(StandardCharsets.UTF_8)))
        .setSequence(window.windowEnd())
        .setTenantId(window.tenantId())
        .setReleaseId(state.getReleaseId())
        .setAppVersion(window.appVersion())
        .setJudgedVersion(window.appVersion().equals(state.getAppVersion()))
        .setWindowStart(Instant.ofEpochMilli(window.windowStart()))
        .setWindowEnd(Instant.ofEpochMilli(window.windowEnd()))
        .setRequests(window.requests())
        .setRate5xx(RequestTotals.rate(window.status5xx(), window.requests()))
        .setTimeoutRate(RequestTotals.rate(window.timeouts(), window.requests()))
        .setP95Millis(quantile(window, 0.95))
        .setP99Millis(quantile(window, 0.99))
        .setBaselineRate5xx(hasBaseline ? RequestTotals.rate(baseline.status5xx(), baseline.requests()) : null)
        .setBaselineTimeoutRate(hasBaseline ? RequestTotals.rate(baseline.timeouts(), baseline.requests()) : null)
        .setBaselineP95Millis(baseline == null ? null : quantile(baseline, 0.95))
        .setBaselineP99Millis(baseline == null ? null : quantile(baseline, 0.99))
        .setMax5xxRate(spec.getMax5xxRate())
        .setMaxP95Millis(spec.getMaxP95Millis())
        .build();
  }

  /** The quantile the gates read ({@link WindowTotals#quantile}), null when the totals hold no latency. */
  private static Double quantile(WindowTotals totals, double q) {
    double value = totals.quantile(q);
    return Double.isNaN(value) ? null : value;
  }
}
