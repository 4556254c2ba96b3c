package dev.tenantwave.metrics;

import static dev.tenantwave.metrics.Recorders.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tenantwave.events.TenantRequestMetrics;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class BoundsTest {

  private final CapturingSink sink = new CapturingSink();

  @Test
  void shouldDropAndCountTheRequestsOfTenantsBeyondTheCap() {
    TenantMetricsRecorder recorder = Recorders.onSink(Recorders.builder().maxTenants(3), sink);
    // Given three tenants holding every place
    for (String tenant : new String[] {"a", "b", "c"}) {
      recorder.record(tenant, 200, 1_000_000L);
    }
    // When a fourth one comes, twice
    recorder.record("d", 200, 1_000_000L);
    recorder.record("d", 500, 1_000_000L);
    recorder.record("a", 200, 1_000_000L);
    recorder.advanceTo(T0 + 1_000);

    // Then its requests are dropped and counted, and the others' are published
    assertThat(recorder.droppedByCap()).isEqualTo(2);
    assertThat(recorder.recorded()).isEqualTo(4);
    assertThat(recorder.tenants()).isEqualTo(3);
    await().untilAsserted(() -> assertThat(recorder.published()).isEqualTo(4));
    assertThat(sink.records()).extracting(TenantRequestMetrics::getTenantId).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void shouldGiveAnIdleTenantsPlaceBack() {
    TenantMetricsRecorder recorder = Recorders.onSink(
        Recorders.builder().maxTenants(1).idleTenantExpiry(Duration.ofSeconds(2)), sink);
    recorder.record("a", 200, 1_000_000L);
    recorder.advanceTo(T0 + 1_000);
    recorder.record("b", 200, 1_000_000L); // a still holds the place
    assertThat(recorder.droppedByCap()).isEqualTo(1);

    // When a has had no request for two intervals
    recorder.advanceTo(T0 + 2_000);
    recorder.advanceTo(T0 + 3_000);

    // Then b takes its place
    assertThat(recorder.tenants()).isZero();
    recorder.record("b", 200, 1_000_000L);
    recorder.advanceTo(T0 + 4_000);
    await().untilAsserted(() -> assertThat(sink.recordsOf("b")).singleElement()
        .satisfies(b -> assertThat(b.getWindowStart().toEpochMilli()).isEqualTo(T0 + 3_000)));
  }

  @Test
  void shouldDropAndCountIntervalsWhileThePublisherIsBlockedAndKeepRecording() {
    BlockingSink blocking = new BlockingSink();
    TenantMetricsRecorder recorder = Recorders.onSink(Recorders.builder().maxQueuedIntervals(2), blocking);
    // Given a publisher stuck in its first send (Kafka away: the producer waits max.block.ms)
    record(recorder, "acme", 10);
    recorder.advanceTo(T0 + 1_000);
    await().until(() -> blocking.entered.getCount() == 0);

    // When five more intervals close, and the request path goes on meanwhile
    for (int i = 2; i <= 6; i++) {
      record(recorder, "acme", 10);
      recorder.advanceTo(T0 + i * 1_000L);
    }
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> record(recorder, "acme", 100_000));

    // Then two intervals wait, the three after them are dropped and counted, and nothing was lost silently
    assertThat(recorder.droppedByBackpressure()).isEqualTo(30);
    assertThat(recorder.recorded()).isEqualTo(100_060);
    blocking.release.countDown();
    await().untilAsserted(() -> assertThat(recorder.published()).isEqualTo(30));
    assertThat(blocking.sent.sent).extracting(s -> s.record().getWindowStart().toEpochMilli())
        .containsExactly(T0, T0 + 1_000, T0 + 2_000);
  }

  @Test
  void shouldFailTheRestOfAnIntervalAtOnceWhenKafkaCannotTakeARecordInTime() {
    // Kafka's producer tells the callback at once and returns a failed future after max.block.ms
    AtomicInteger attempts = new AtomicInteger();
    MetricsSink away = new MetricsSink() {
      @Override
      public boolean send(TenantRequestMetrics record, long timestamp, Consumer<Exception> done) {
        attempts.incrementAndGet();
        done.accept(new TimeoutException("Topic tenant.metrics.v1 not present in metadata after 500 ms."));
        return false;
      }

      @Override
      public void close(Duration timeout) {}
    };
    TenantMetricsRecorder recorder = Recorders.onSink(Recorders.builder(), away);
    record(recorder, "a", 3);
    record(recorder, "b", 4);
    record(recorder, "c", 5);
    recorder.advanceTo(T0 + 1_000);

    await().untilAsserted(() -> assertThat(recorder.publishFailures()).isEqualTo(12));
    assertThat(attempts).hasValue(1);
    assertThat(recorder.published()).isZero();
  }

  @Test
  void shouldFailTheRestOfAnIntervalAtOnceWhenARecordCannotBeSerialized() {
    AtomicInteger attempts = new AtomicInteger();
    MetricsSink registryAway = new MetricsSink() {
      @Override
      public boolean send(TenantRequestMetrics record, long timestamp, Consumer<Exception> done) {
        attempts.incrementAndGet();
        throw new SerializationException("Error serializing Avro message: registry unreachable");
      }

      @Override
      public void close(Duration timeout) {}
    };
    TenantMetricsRecorder recorder = Recorders.onSink(Recorders.builder(), registryAway);
    record(recorder, "a", 3);
    record(recorder, "b", 4);
    recorder.advanceTo(T0 + 1_000);

    await().untilAsserted(() -> assertThat(recorder.publishFailures()).isEqualTo(7));
    assertThat(attempts).hasValue(1);
  }

  @Test
  void shouldCountRecordsKafkaDidNotAcknowledge() {
    MetricsSink failing = new MetricsSink() {
      @Override
      public boolean send(TenantRequestMetrics record, long timestamp, Consumer<Exception> done) {
        done.accept(record.getTenantId().equals("a") ? new TimeoutException("expired") : null);
        return true;
      }

      @Override
      public void close(Duration timeout) {}
    };
    TenantMetricsRecorder recorder = Recorders.onSink(Recorders.builder(), failing);
    record(recorder, "a", 3);
    record(recorder, "b", 4);
    recorder.advanceTo(T0 + 1_000);

    await().untilAsserted(() -> assertThat(recorder.publishFailures() + recorder.published()).isEqualTo(7));
    assertThat(recorder.publishFailures()).isEqualTo(3);
  }

  @Test
  void shouldNeverThrowOnTheRequestPath() {
    TenantMetricsRecorder recorder = Recorders.onSink(Recorders.builder(), sink);
    assertThatCode(() -> {
      recorder.record(null, 200, 1_000L);
      recorder.record("acme", 200, (Duration) null);
      recorder.recordTimeout(null, Duration.ofSeconds(1));
      recorder.record("acme", -1, Long.MIN_VALUE);
      recorder.record("acme", 99_999, Duration.ofSeconds(Long.MAX_VALUE));
      recorder.record("", 200, 1L);
    }).doesNotThrowAnyException();
    assertThat(recorder.droppedInvalid()).isEqualTo(3);
    assertThat(recorder.recorded()).isEqualTo(3);
  }

  @Test
  void shouldPublishTheOpenIntervalOnCloseAndIgnoreRequestsAfterwards() {
    TenantMetricsRecorder recorder = Recorders.onSink(Recorders.builder(), sink);
    record(recorder, "acme", 5);

    recorder.close();
    recorder.record("acme", 200, 1_000L);

    assertThat(recorder.published()).isEqualTo(5);
    assertThat(sink.recordsOf("acme")).singleElement()
        .satisfies(r -> assertThat(r.getWindowStart().toEpochMilli()).isEqualTo(T0));
    assertThat(sink.closed).isTrue();
    assertThat(recorder.recorded()).isEqualTo(5);
  }

  @Test
  void shouldNameEveryInvalidSetting() {
    assertThatThrownBy(() -> TenantMetricsRecorder.builder().interval(Duration.ofMillis(300)).maxTenants(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll("bootstrapServers is required", "registryUrl is required", "service is required",
            "appVersion is required", "interval must be a divisor of 1 s", "maxTenants must be positive");
    assertThatCode(() -> Recorders.builder().interval(Duration.ofMillis(250)).settings()).doesNotThrowAnyException();
    assertThatCode(() -> Recorders.builder().interval(Duration.ofSeconds(5)).settings()).doesNotThrowAnyException();
  }

  private static void record(TenantMetricsRecorder recorder, String tenant, int requests) {
    for (int i = 0; i < requests; i++) {
      recorder.record(tenant, 200, 2_000_000L);
    }
  }

  /** A sink whose first send blocks until released, as a producer waiting for a broker does. */
  private static final class BlockingSink implements MetricsSink {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CapturingSink sent = new CapturingSink();

    @Override
    public boolean send(TenantRequestMetrics record, long timestamp, Consumer<Exception> done) {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return sent.send(record, timestamp, done);
    }

    @Override
    public void close(Duration timeout) {}
  }
}
