package dev.tenantwave.gate.judging;

import dev.tenantwave.events.LatencySketch;
import dev.tenantwave.events.TenantRequestMetrics;

/** Checks and ratios of published {@link TenantRequestMetrics}; their sums are {@link WindowTotals}. */
public final class RequestTotals {

  private RequestTotals() {}

  public static double rate(long part, long whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }

  /** Why a published record cannot be judged, or null when it can. */
  public static String invalidReason(TenantRequestMetrics m) {
    if (m.getRequests() < 0 || m.getStatus4xx() < 0 || m.getStatus5xx() < 0 || m.getTimeouts() < 0) {
      return "counts must not be negative";
    }
    if (m.getStatus4xx() + m.getStatus5xx() > m.getRequests() || m.getTimeouts() > m.getRequests()) {
      return "more 4xx/5xx answers or timeouts than requests (" + m.getRequests() + ")";
    }
    if (m.getWindowEnd().isBefore(m.getWindowStart())) {
      return "windowEnd is before windowStart";
    }
    LatencySketch latency = m.getLatency();
    return LatencySketches.invalidReason(latency);
  }
}
