package dev.tenantwave.gate.judging;

import dev.tenantwave.events.GateSpec;
import dev.tenantwave.events.VerdictOutcome;
import java.util.Locale;
import java.util.Optional;

/**
 * The gates, as pure functions of a release's {@link GateSpec} and request totals.
 *
 * <ul>
 *   <li><b>Absolute</b> (fast fail): a window on the new version with at least {@code minRequests} requests whose
 *       5xx rate, timeout rate, p95 or p99 is above its maximum.</li>
 *   <li><b>Relative</b>: over all closed windows on the new version (at least {@code minRequests} requests), the
 *       server error rate (5xx + timeouts) or p95 is worse than {@code factor} times the tenant's own baseline (its
 *       closed windows on the previous version), and a one-sided binomial test rejects "no worse than factor times
 *       baseline" at the spec's confidence. The test is what keeps a quiet tenant from flapping on one error.</li>
 *   <li><b>Bake</b>: when the bake time is over, PASS with at least {@code minRequests} requests on the new version
 *       and no breach, otherwise INCONCLUSIVE with the reason.</li>
 * </ul>
 */
public final class GateRules {

  public static final String ERROR_RATE_5XX = "error-rate-5xx";
  public static final String TIMEOUT_RATE = "timeout-rate";
  public static final String LATENCY_P95 = "latency-p95";
  public static final String LATENCY_P99 = "latency-p99";
  public static final String RELATIVE_ERROR_RATE = "relative-error-rate";
  public static final String RELATIVE_LATENCY_P95 = "relative-latency-p95";
  public static final String BAKE = "bake";

  private GateRules() {}

  /** FAIL when one window on the new version breaches an absolute maximum with enough requests. */
  public static Optional<Finding> absoluteBreach(GateSpec spec, WindowTotals window) {
    long n = window.requests();
    if (n < spec.getMinRequests() || n == 0) {
      return Optional.empty();
    }
    double rate5xx = RequestTotals.rate(window.status5xx(), n);
    if (rate5xx > spec.getMax5xxRate()) {
      return fail(ERROR_RATE_5XX, String.format(Locale.ROOT, "5xx rate %.4f above the maximum %.4f over %d requests",
          rate5xx, spec.getMax5xxRate(), n), rate5xx, spec.getMax5xxRate(), null, n, window);
    }
    double timeoutRate = RequestTotals.rate(window.timeouts(), n);
    if (timeoutRate > spec.getMaxTimeoutRate()) {
      return fail(TIMEOUT_RATE, String.format(Locale.ROOT,
          "timeout rate %.4f above the maximum %.4f over %d requests", timeoutRate, spec.getMaxTimeoutRate(), n),
          timeoutRate, spec.getMaxTimeoutRate(), null, n, window);
    }
    Optional<Finding> p95 = latencyBreach(LATENCY_P95, 0.95, spec.getMaxP95Millis(), window);
    return p95.isPresent() ? p95 : latencyBreach(LATENCY_P99, 0.99, spec.getMaxP99Millis(), window);
  }

  /** FAIL when the new version is significantly worse than the tenant's own baseline, by more than the factor. */
  public static Optional<Finding> relativeBreach(GateSpec spec, WindowTotals onNew,
      WindowTotals baseline) {
    if (onNew == null || baseline == null || onNew.requests() < spec.getMinRequests()
        || baseline.requests() < spec.getMinRequests()) {
      return Optional.empty();
    }
    double alpha = 1.0 - spec.getConfidence();
    Optional<Finding> errors = relativeErrorRate(spec, onNew, baseline, alpha);
    return errors.isPresent() ? errors : relativeP95(spec, onNew, baseline, alpha);
  }

  /** The outcome once the bake time is over: PASS with enough requests on the new version, else INCONCLUSIVE. */
  public static Finding bakeOutcome(GateSpec spec, WindowTotals onNew, String appVersion, long bakeStart,
      long bakeEnd) {
    long n = onNew == null ? 0 : onNew.requests();
    long end = onNew == null ? bakeEnd : Math.max(bakeEnd, onNew.windowEnd());
    if (n >= spec.getMinRequests() && n > 0) {
      return new Finding(VerdictOutcome.PASS, BAKE, String.format(Locale.ROOT,
          "no breach during the %d s bake on %s over %d requests (%d needed)", spec.getBakeSeconds(), appVersion, n,
          spec.getMinRequests()), (double) n, (double) spec.getMinRequests(), null, n, bakeStart, end);
    }
    return new Finding(VerdictOutcome.INCONCLUSIVE, BAKE, String.format(Locale.ROOT,
        "only %d requests on %s during the %d s bake, %d needed to judge; more traffic or a longer bake would decide",
        n, appVersion, spec.getBakeSeconds(), spec.getMinRequests()),
        (double) n, (double) spec.getMinRequests(), null, n, bakeStart, end);
  }

  private static Optional<Finding> relativeErrorRate(GateSpec spec, WindowTotals onNew,
      WindowTotals baseline, double alpha) {
    long n = onNew.requests();
    long k = onNew.serverErrors();
    long nb = baseline.requests();
    long kb = baseline.serverErrors();
    // Jeffreys-like +0.5 keeps a baseline of zero errors from making one error on the new version significant.
    double allowed = Math.min(1.0, spec.getMaxErrorRateFactor() * (kb + 0.5) / (nb + 1.0));
    double observed = RequestTotals.rate(k, n);
    if (observed <= allowed || allowed >= 1.0) {
      return Optional.empty();
    }
    double pValue = OneSidedBinomial.pValueAtLeast(n, k, allowed);
    if (pValue >= alpha) {
      return Optional.empty();
    }
    return fail(RELATIVE_ERROR_RATE, String.format(Locale.ROOT,
        "server error rate %.4f on %s is above %.1fx its baseline %.4f (allowed %.4f) over %d requests, p=%.2g",
        observed, onNew.appVersion(), spec.getMaxErrorRateFactor(), RequestTotals.rate(kb, nb), allowed, n, pValue),
        observed, allowed, RequestTotals.rate(kb, nb), n, onNew);
  }

  private static Optional<Finding> relativeP95(GateSpec spec, WindowTotals onNew,
      WindowTotals baseline, double alpha) {
    double baselineP95 = baseline.quantile(0.95);
    double newP95 = onNew.quantile(0.95);
    if (Double.isNaN(baselineP95) || Double.isNaN(newP95)) {
      return Optional.empty();
    }
    double allowed = spec.getMaxP95Factor() * baselineP95;
    if (newP95 <= allowed) {
      return Optional.empty();
    }
    // Under "no worse than allowed", requests slower than it are at most as frequent as in the baseline.
    LatencySketches.Tail before = baseline.tailAbove(allowed);
    LatencySketches.Tail after = onNew.tailAbove(allowed);
    double p0 = Math.min(1.0, (before.above() + 0.5) / (before.total() + 1.0));
    double pValue = OneSidedBinomial.pValueAtLeast(Math.round(after.total()), Math.round(after.above()), p0);
    if (pValue >= alpha) {
      return Optional.empty();
    }
    return fail(RELATIVE_LATENCY_P95, String.format(Locale.ROOT,
        "p95 %.1f ms on %s is above %.1fx its baseline p95 %.1f ms (allowed %.1f ms) over %d requests, p=%.2g",
        newP95, onNew.appVersion(), spec.getMaxP95Factor(), baselineP95, allowed, onNew.requests(), pValue),
        newP95, allowed, baselineP95, onNew.requests(), onNew);
  }

  private static Optional<Finding> latencyBreach(String gate, double q, Double max, WindowTotals window) {
    if (max == null) {
      return Optional.empty();
    }
    double value = window.quantile(q);
    if (Double.isNaN(value) || value <= max) {
      return Optional.empty();
    }
    return fail(gate, String.format(Locale.ROOT, "%s %.1f ms above the maximum %.1f ms over %d requests",
        gate.substring("latency-".length()), value, max, window.requests()), value, max, null,
        window.requests(), window);
  }

  private static Optional<Finding> fail(String gate, String reason, double observed, double threshold,
      Double baseline, long samples, WindowTotals window) {
    return Optional.of(new Finding(VerdictOutcome.FAIL, gate, reason, observed, threshold, baseline, samples,
        window.windowStart(), window.windowEnd()));
  }
}
