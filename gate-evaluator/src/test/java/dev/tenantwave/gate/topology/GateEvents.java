package dev.tenantwave.gate.topology;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.tenantwave.events.GateSpec;
import dev.tenantwave.events.LatencySketchLayout;
import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.TenantRolloutState;
import dev.tenantwave.gate.judging.LatencySketches;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Events as publishers and the orchestrator send them, for tests and the benchmark. */
public final class GateEvents {

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private GateEvents() {}

  /** Default gates: 10 s windows, 60 s bake, 50 requests, 5 % 5xx/timeouts, 2x error rate, 1.5x p95, 99 %. */
  public static GateSpec spec() {
    return GateSpec.newBuilder().build();
  }

  public static GateSpec.Builder specBuilder() {
    return GateSpec.newBuilder();
  }

  /** The tenant switched to {@code version} (from {@code previous}) at {@code since}, judged under {@code spec}. */
  public static TenantReleaseState switched(String tenantId, String releaseId, String version, String previous,
      long since, GateSpec spec) {
    return TenantReleaseState.newBuilder()
        .setEventId(UUID.randomUUID()).setVersion(SEQUENCE.incrementAndGet()).setTenantId(tenantId)
        .setReleaseId(releaseId).setRegion("eu-west").setWave(1).setAppVersion(version)
        .setPreviousAppVersion(previous).setPhase(ReleasePhase.SWITCH).setState(TenantRolloutState.IN_PROGRESS)
        .setSince(Instant.ofEpochMilli(since)).setGates(spec)
        .build();
  }

  /**
   * One publisher interval: {@code requests} requests starting at {@code start}, of which {@code errors5xx} 5xx and
   * {@code timeouts} timeouts, every request taking {@code latencyMillis}.
   */
  public static TenantRequestMetrics metrics(String tenantId, String version, long start, long requests,
      long errors5xx, long timeouts, double latencyMillis) {
    DDSketch sketch = LatencySketches.newSketch(LatencySketchLayout.DEFAULT_RELATIVE_ACCURACY);
    if (requests > 0) {
      sketch.accept(latencyMillis, requests);
    }
    return metrics(tenantId, version, start, requests, errors5xx, timeouts, sketch);
  }

  public static TenantRequestMetrics metrics(String tenantId, String version, long start, long requests,
      long errors5xx, long timeouts, DDSketch latency) {
    return TenantRequestMetrics.newBuilder()
        .setEventId(UUID.randomUUID()).setSequence(SEQUENCE.incrementAndGet()).setTenantId(tenantId)
        .setService("crm-api").setInstance("i-1").setAppVersion(version)
        .setWindowStart(Instant.ofEpochMilli(start)).setWindowEnd(Instant.ofEpochMilli(start + 1000))
        .setRequests(requests).setStatus4xx(0).setStatus5xx(errors5xx).setTimeouts(timeouts)
        .setLatency(LatencySketches.of(latency))
        .build();
  }
}
