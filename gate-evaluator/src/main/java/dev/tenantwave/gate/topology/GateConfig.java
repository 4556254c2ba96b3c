package dev.tenantwave.gate.topology;

import dev.tenantwave.events.LatencySketchLayout;
import dev.tenantwave.events.Topics;
import java.time.Duration;
import java.util.Objects;

/**
 * How the gate topology cuts time. A tenant in a release is windowed by its release's {@code windowSeconds}; every
 * other tenant (baseline only) by {@code window}.
 *
 * @param window tumbling window of tenants not in a release
 * @param grace how long after its end a window still takes late records (in event time)
 * @param closeCheckInterval how often closed windows are folded into totals and bakes are checked
 * @param relativeAccuracy the DDSketch relative accuracy publishers must use, so that sketches merge bin by bin
 *     ({@link LatencySketchLayout#DEFAULT_RELATIVE_ACCURACY} unless configured)
 * @param maxClockSkew how far ahead of the wall clock a metric record may be stamped; one stamped further ahead is
 *     dead-lettered without moving the gate's event time
 * @param tenantPartitions the partitions of {@code release.tenant-state.v1}: a tenant is judged on partition
 *     {@link TenantPartitioner#partitionOf murmur2(tenantId)} of them, and its metrics are brought there
 */
public record GateConfig(Duration window, Duration grace, Duration closeCheckInterval, double relativeAccuracy,
    Duration maxClockSkew, int tenantPartitions) {

  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);
  public static final Duration DEFAULT_CLOSE_CHECK_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofSeconds(30);
  public static final int DEFAULT_TENANT_PARTITIONS = Topics.RELEASE_TENANT_STATE.partitions();

  public GateConfig {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(closeCheckInterval, "closeCheckInterval");
    Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    if (window.toMillis() < 1 || grace.isNegative() || closeCheckInterval.toMillis() < 1) {
      throw new IllegalArgumentException("window and closeCheckInterval must be positive and grace not negative: "
          + window + ", " + closeCheckInterval + ", " + grace);
    }
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new IllegalArgumentException("relativeAccuracy must be in (0, 1), was " + relativeAccuracy);
    }
    if (maxClockSkew.isNegative()) {
      throw new IllegalArgumentException("maxClockSkew must not be negative, was " + maxClockSkew);
    }
    if (tenantPartitions < 1) {
      throw new IllegalArgumentException("tenantPartitions must be positive, was " + tenantPartitions);
    }
  }

  public static GateConfig defaults() {
    return new GateConfig(DEFAULT_WINDOW, DEFAULT_GRACE, DEFAULT_CLOSE_CHECK_INTERVAL,
        LatencySketchLayout.DEFAULT_RELATIVE_ACCURACY, DEFAULT_MAX_CLOCK_SKEW, DEFAULT_TENANT_PARTITIONS);
  }

  public GateConfig withWindow(Duration newWindow) {
    return new GateConfig(newWindow, grace, closeCheckInterval, relativeAccuracy, maxClockSkew, tenantPartitions);
  }

  public GateConfig withGrace(Duration newGrace) {
    return new GateConfig(window, newGrace, closeCheckInterval, relativeAccuracy, maxClockSkew, tenantPartitions);
  }

  public GateConfig withTenantPartitions(int partitions) {
    return new GateConfig(window, grace, closeCheckInterval, relativeAccuracy, maxClockSkew, partitions);
  }
}
