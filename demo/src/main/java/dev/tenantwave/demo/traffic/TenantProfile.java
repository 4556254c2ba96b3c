package dev.tenantwave.demo.traffic;

import dev.tenantwave.demo.fleet.Fleet;
import java.util.Arrays;
import java.util.Random;

/**
 * How one tenant's users load the product: its own request rate (by tier), its own latencies (a log-normal spread
 * around its own median) and its own 4xx and 5xx rates, drawn once from a generator seeded by its id, so the same
 * tenant behaves the same in every run. What a tenant does on the new version is {@link Behaviour}'s.
 */
public record TenantProfile(String tenantId, int requestsPerSecond, long[] latencyNanos, double rate4xx,
                            double rate5xx, Behaviour onNewVersion) {

  /** What changes for the tenant on the new version. */
  public enum Behaviour {
    SAME,
    /** 40 % of its requests answer 503. */
    ERRORS,
    /** Every request takes four times as long. */
    SLOW
  }

  /** Spread of the log-normal latencies (sigma of their logarithm). */
  private static final double SIGMA = 0.35;
  /** Latencies at evenly spaced quantiles, made in turn: every second has about the same distribution. */
  private static final int LATENCY_POINTS = 50;
  public static final double BAD_5XX_RATE = 0.4;
  public static final int SLOW_FACTOR = 4;

  public static TenantProfile of(Fleet.Tenant tenant, Behaviour onNewVersion) {
    Random random = new Random(tenant.id().hashCode());
    int rate = switch (tenant.tier()) {
      case "FREE" -> 25 + random.nextInt(15);
      case "ENTERPRISE" -> 80 + random.nextInt(70);
      default -> 40 + random.nextInt(40);
    };
    double medianMillis = 15 + random.nextInt(75);
    long[] latencies = new long[LATENCY_POINTS];
    for (int i = 0; i < LATENCY_POINTS; i++) {
      double z = inverseNormal((i + 0.5) / LATENCY_POINTS);
      latencies[i] = (long) (medianMillis * Math.exp(SIGMA * z) * 1_000_000);
    }
    for (int i = LATENCY_POINTS - 1; i > 0; i--) { // in a tenant's own order, so any second holds fast and slow ones
      int j = random.nextInt(i + 1);
      long swap = latencies[i];
      latencies[i] = latencies[j];
      latencies[j] = swap;
    }
    return new TenantProfile(tenant.id(), rate, latencies, 0.01 + random.nextDouble() * 0.02,
        0.002 + random.nextDouble() * 0.008, onNewVersion);
  }

  /** The median latency, in milliseconds. */
  public double medianMillis() {
    long[] sorted = latencyNanos.clone();
    Arrays.sort(sorted);
    return sorted[LATENCY_POINTS / 2] / 1e6;
  }

  /** Acklam's rational approximation of the standard normal quantile (error below 1.2e-9). */
  static double inverseNormal(double p) {
    double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
        -3.066479806614716e+01, 2.506628277459239e+00};
    double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
        -1.328068155288572e+01};
    double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
        4.374664141464968e+00, 2.938163982698783e+00};
    double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    double low = 0.02425;
    if (p < low) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) {
      return -inverseNormal(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
}
