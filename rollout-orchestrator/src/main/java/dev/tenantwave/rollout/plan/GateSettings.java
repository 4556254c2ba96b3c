package dev.tenantwave.rollout.plan;

/**
 * The gate thresholds of a release, with the fields and defaults of the Avro {@code GateSpec} in
 * {@code TenantReleaseState.avsc}; the latency maxima are null when there is no absolute limit.
 */
public record GateSettings(int windowSeconds, int bakeSeconds, long minRequests, double max5xxRate,
    double maxTimeoutRate, Double maxP95Millis, Double maxP99Millis, double maxErrorRateFactor, double maxP95Factor,
    double confidence) {

  public static GateSettings defaults() {
    return new GateSettings(10, 60, 50, 0.05, 0.05, null, null, 2.0, 1.5, 0.99);
  }
}
