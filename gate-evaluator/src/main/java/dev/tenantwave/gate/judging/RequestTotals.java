package dev.tenantwave.gate.judging;

import dev.tenantwave.events.LatencySketch;
import dev.tenantwave.events.TenantRequestMetrics;
import java.time.Instant;
import java.util.UUID;

/**
 * Sums of {@link TenantRequestMetrics}: a window's total, or the total of a tenant's closed windows on one version.
 * A total is itself a {@code TenantRequestMetrics} whose bounds span what it sums, so stores and tests need no
 * second shape.
 */
public final class RequestTotals {

  private static final UUID NO_EVENT = new UUID(0, 0);

  private RequestTotals() {}

  public static TenantRequestMetrics empty(String tenantId, String appVersion, long start, long end,
      double relativeAccuracy) {
    return TenantRequestMetrics.newBuilder()
        .setEventId(NO_EVENT).setSequence(0).setTenantId(tenantId).setService("*").setInstance("")
        .setAppVersion(appVersion).setWindowStart(Instant.ofEpochMilli(start)).setWindowEnd(Instant.ofEpochMilli(end))
        .setRequests(0).setStatus4xx(0).setStatus5xx(0).setTimeouts(0)
        .setLatency(LatencySketches.empty(relativeAccuracy))
        .build();
  }

  /** Adds the counts and latencies of {@code m} into {@code total} (changed in place and returned). */
  public static TenantRequestMetrics addTo(TenantRequestMetrics total, TenantRequestMetrics m) {
    total.setSequence(total.getSequence() + 1);
    total.setRequests(total.getRequests() + m.getRequests());
    total.setStatus4xx(total.getStatus4xx() + m.getStatus4xx());
    total.setStatus5xx(total.getStatus5xx() + m.getStatus5xx());
    total.setTimeouts(total.getTimeouts() + m.getTimeouts());
    total.setLatency(LatencySketches.merge(total.getLatency(), m.getLatency()));
    return total;
  }

  /** Adds a closed window into a running total, whose bounds grow to span it. */
  public static TenantRequestMetrics addWindow(TenantRequestMetrics total, TenantRequestMetrics window) {
    addTo(total, window);
    if (window.getWindowStart().isBefore(total.getWindowStart())) {
      total.setWindowStart(window.getWindowStart());
    }
    if (window.getWindowEnd().isAfter(total.getWindowEnd())) {
      total.setWindowEnd(window.getWindowEnd());
    }
    return total;
  }

  /** Requests that failed on the server's side: 5xx answers and timeouts (4xx are the client's). */
  public static long serverErrors(TenantRequestMetrics m) {
    return Math.min(m.getRequests(), m.getStatus5xx() + m.getTimeouts());
  }

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
