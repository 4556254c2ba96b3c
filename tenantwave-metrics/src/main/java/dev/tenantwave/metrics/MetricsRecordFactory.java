package dev.tenantwave.metrics;

import dev.tenantwave.events.LatencySketch;
import dev.tenantwave.events.TenantRequestMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns a tenant's closed interval into the contract's record, numbered in this instance's sequence. */
final class MetricsRecordFactory {

  private final String service;
  private final String instance;
  private final String appVersion;
  private final double relativeAccuracy;
  private long sequence;

  MetricsRecordFactory(RecorderSettings settings) {
    this.service = settings.service();
    this.instance = settings.instance();
    this.appVersion = settings.appVersion();
    this.relativeAccuracy = settings.relativeAccuracy();
  }

  /** One thread at a time (the publisher's). */
  TenantRequestMetrics recordOf(ClosedInterval interval, TenantCounts counts) {
    int n = counts.indexes().length;
    List<Integer> indexes = new ArrayList<>(n);
    List<Double> binCounts = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      indexes.add(counts.indexes()[k]);
      binCounts.add((double) counts.counts()[k]);
    }
    return TenantRequestMetrics.newBuilder()
        .setEventId(UUID.randomUUID())
        .setSequence(++sequence)
        .setTenantId(counts.tenantId())
        .setService(service)
        .setInstance(instance)
        .setAppVersion(appVersion)
        .setWindowStart(Instant.ofEpochMilli(interval.start()))
        .setWindowEnd(Instant.ofEpochMilli(interval.end()))
        .setRequests(counts.requests())
        .setStatus4xx(counts.status4xx())
        .setStatus5xx(counts.status5xx())
        .setTimeouts(counts.timeouts())
        .setLatency(new LatencySketch(relativeAccuracy, indexes, binCounts, (double) counts.zeroCount()))
        .build();
  }
}
