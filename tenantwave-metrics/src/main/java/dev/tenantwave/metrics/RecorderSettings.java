package dev.tenantwave.metrics;

import java.time.Duration;
import java.util.Map;

/** The validated settings of a {@link TenantMetricsRecorder} (see its {@link TenantMetricsRecorder.Builder}). */
record RecorderSettings(String bootstrapServers, String registryUrl, String service, String appVersion,
    String instance, Duration interval, int maxTenants, int maxBinsPerTenant, int maxQueuedIntervals,
    Duration idleTenantExpiry, double relativeAccuracy, Duration closeTimeout, Map<String, Object> producerConfig,
    Map<String, Object> registryConfig) {

  /** Bins a tenant's half starts with: a spread of 13× (say 5 to 65 ms) at 1 % accuracy, grown when needed. */
  static final int INITIAL_BINS = 128;

  long intervalMillis() {
    return interval.toMillis();
  }

  /** Intervals without a request after which a tenant's slot is freed. */
  int idleIntervals() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, idleTenantExpiry.toMillis() / intervalMillis()));
  }
}
