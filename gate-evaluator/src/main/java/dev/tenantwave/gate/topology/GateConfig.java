package dev.tenantwave.gate.topology;

import dev.tenantwave.events.LatencySketchLayout;
import java.time.Duration;
import java.util.Objects;

/**
 * How the gate topology cuts time. A tenant in a release is windowed by its release's {@code windowSeconds}; every
 * other tenant (baseline only) by {@code window}.
 *
 * @param window tumbling window of tenants not in a release
 * @param grace how long after its end a window still takes late records (in event time)
 * @param closeCheckInterval how often, in event time, closed windows are folded into totals and bakes are checked
 * @param relativeAccuracy the DDSketch relative accuracy publishers must use, so that sketches merge bin by bin
 *     ({@link LatencySketchLayout#DEFAULT_RELATIVE_ACCURACY} unless configured)
 */
public record GateConfig(Duration window, Duration grace, Duration closeCheckInterval, double relativeAccuracy) {

  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);
  public static final Duration DEFAULT_CLOSE_CHECK_INTERVAL = Duration.ofSeconds(1);

  public GateConfig {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(closeCheckInterval, "closeCheckInterval");
    if (window.toMillis() < 1 || grace.isNegative() || closeCheckInterval.toMillis() < 1) {
      throw new IllegalArgumentException("window and closeCheckInterval must be positive and grace not negative: "
          + window + ", " + closeCheckInterval + ", " + grace);
    }
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new IllegalArgumentException("relativeAccuracy must be in (0, 1), was " + relativeAccuracy);
    }
  }

  public static GateConfig defaults() {
    return new GateConfig(DEFAULT_WINDOW, DEFAULT_GRACE, DEFAULT_CLOSE_CHECK_INTERVAL,
        LatencySketchLayout.DEFAULT_RELATIVE_ACCURACY);
  }

  public GateConfig withWindow(Duration newWindow) {
    return new GateConfig(newWindow, grace, closeCheckInterval, relativeAccuracy);
  }

  public GateConfig withGrace(Duration newGrace) {
    return new GateConfig(window, newGrace, closeCheckInterval, relativeAccuracy);
  }
}
