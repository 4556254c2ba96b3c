package dev.tenantwave.metrics;

import dev.tenantwave.events.TenantRequestMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/** Recorders on a test sink, for the tests and the benchmarks. */
public final class Recorders {

  /** A wall-clock time on an interval boundary, where tests start. */
  public static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private Recorders() {}

  /** The required settings, with values that reach no Kafka or registry. */
  public static TenantMetricsRecorder.Builder builder() {
    return TenantMetricsRecorder.builder().bootstrapServers("kafka.invalid:9092")
        .registryUrl("http://registry.invalid:8080").service("crm-api").appVersion("v2").instance("i-1");
  }

  /** A recorder on {@code sink} whose clock stands at {@link #T0}: the test closes intervals with advanceTo. */
  static TenantMetricsRecorder onSink(TenantMetricsRecorder.Builder builder, MetricsSink sink) {
    return new TenantMetricsRecorder(builder.settings(), sink, Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC),
        false);
  }

  /**
   * A recorder whose records go nowhere once built, and whose intervals close on the wall clock or never: the cost
   * of the request path, with or without closing intervals, without Kafka.
   */
  public static TenantMetricsRecorder discarding(TenantMetricsRecorder.Builder builder, boolean closeIntervals) {
    return new TenantMetricsRecorder(builder.settings(), new DiscardingSink(), Clock.systemUTC(), closeIntervals);
  }

  private static final class DiscardingSink implements MetricsSink {
    @Override
    public boolean send(TenantRequestMetrics record, long timestamp, Consumer<Exception> done) {
      done.accept(null);
      return true;
    }

    @Override
    public void close(Duration timeout) {}
  }
}
