package dev.tenantwave.metrics;

import static dev.tenantwave.metrics.Recorders.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.store.Store;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import dev.tenantwave.events.LatencySketch;
import dev.tenantwave.events.LatencySketchLayout;
import dev.tenantwave.events.TenantRequestMetrics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AggregationTest {

  private final CapturingSink sink = new CapturingSink();

  @Test
  void shouldCountRequests4xx5xxAndTimeoutsPerTenantAndInterval() {
    TenantMetricsRecorder recorder = Recorders.onSink(Recorders.builder(), sink);
    // Given acme's and globex's requests in the first second
    for (int i = 0; i < 10; i++) {
      recorder.record("acme", 200, 20_000_000L);
    }
    recorder.record("acme", 404, Duration.ofMillis(5));
    recorder.record("acme", 503, Duration.ofMillis(30));
    recorder.record("acme", 500, 40_000_000L);
    recorder.recordTimeout("acme", Duration.ofSeconds(2));
    recorder.record("globex", 302, 1_000_000L);

    // When the interval closes, and acme has one more request in the next one
    recorder.advanceTo(T0 + 1_000);
    recorder.record("acme", 200, 20_000_000L);
    recorder.advanceTo(T0 + 2_000);

    // Then each tenant has one record per interval with its counts, stamped with the interval's start
    await().untilAsserted(() -> assertThat(sink.sent).hasSize(3));
    TenantRequestMetrics acme = sink.recordsOf("acme").get(0);
    assertThat(acme.getRequests()).isEqualTo(14);
    assertThat(acme.getStatus4xx()).isEqualTo(1);
    assertThat(acme.getStatus5xx()).isEqualTo(2);
    assertThat(acme.getTimeouts()).isEqualTo(1);
    assertThat(acme.getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(acme.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(T0 + 1_000));
    assertThat(acme.getService()).isEqualTo("crm-api");
    assertThat(acme.getAppVersion()).isEqualTo("v2");
    assertThat(acme.getInstance()).isEqualTo("i-1");
    assertThat(sink.sent).filteredOn(s -> s.record() == acme).singleElement()
        .satisfies(s -> assertThat(s.timestamp()).isEqualTo(T0));
    assertThat(sink.recordsOf("globex")).singleElement()
        .satisfies(g -> assertThat(g.getRequests()).isEqualTo(1))
        .satisfies(g -> assertThat(g.getStatus4xx() + g.getStatus5xx() + g.getTimeouts()).isZero());
    TenantRequestMetrics next = sink.recordsOf("acme").get(1);
    assertThat(next.getRequests()).isEqualTo(1);
    assertThat(next.getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0 + 1_000));
    assertThat(next.getSequence()).isGreaterThan(acme.getSequence());
    assertThat(recorder.recorded()).isEqualTo(16);
    assertThat(recorder.published()).isEqualTo(16);
  }

  @Test
  void shouldPublishLatencyQuantilesWithinTheSketchAccuracy() {
    TenantMetricsRecorder recorder = Recorders.onSink(Recorders.builder(), sink);
    Random random = new Random(11);
    long[] latencies = new long[20_000];
    for (int i = 0; i < latencies.length; i++) {
      // log-normal around 40 ms with a long tail
      latencies[i] = (long) (40e6 * Math.exp(0.8 * random.nextGaussian()));
      recorder.record("acme", 200, latencies[i]);
    }
    recorder.advanceTo(T0 + 1_000);

    await().untilAsserted(() -> assertThat(sink.sent).hasSize(1));
    DDSketch sketch = sketchOf(sink.records().get(0));
    Arrays.sort(latencies);
    assertThat(sketch.getCount()).isEqualTo(latencies.length);
    for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 0.999}) {
      double exactMillis = latencies[(int) Math.floor(q * (latencies.length - 1))] / 1e6;
      assertThat(sketch.getValueAtQuantile(q)).as("p%s", q * 100).isCloseTo(exactMillis, within(exactMillis * 0.01));
    }
  }

  @Test
  void shouldPublishOnlyBinsTheGateAccepts() {
    // bins for the whole range from 1 µs to 24 h (the default cap, 512, would fold the fastest into one)
    TenantMetricsRecorder recorder = Recorders.onSink(Recorders.builder().maxBinsPerTenant(2048), sink);
    long[] extremes = {-5, 0, 1, 999, 1_000, 1_001, 35_000_000, 86_400_000_000_000L, Long.MAX_VALUE};
    for (long nanos : extremes) {
      recorder.record("acme", 200, nanos);
    }
    recorder.record("acme", 200, Duration.ofDays(365));
    recorder.record("acme", 200, Duration.ofMillis(-3));
    recorder.advanceTo(T0 + 1_000);

    await().untilAsserted(() -> assertThat(sink.sent).hasSize(1));
    LatencySketchLayout layout = LatencySketchLayout.standard();
    LatencySketch latency = sink.records().get(0).getLatency();
    assertThat(latency.getRelativeAccuracy()).isEqualTo(LatencySketchLayout.DEFAULT_RELATIVE_ACCURACY);
    assertThat(latency.getIndexes()).isSorted().doesNotHaveDuplicates()
        .allSatisfy(index -> assertThat(index).isBetween(layout.minIndex(), layout.maxIndex()))
        .hasSameSizeAs(latency.getCounts());
    // below 1 µs (and negative) in the zero count, 24 h and more in the last bin
    assertThat(latency.getZeroCount()).isEqualTo(5.0);
    assertThat(latency.getIndexes()).startsWith(layout.minIndex()).endsWith(layout.maxIndex());
    assertThat(latency.getCounts().get(latency.getCounts().size() - 1)).isEqualTo(3.0);
    double binned = latency.getCounts().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(binned + latency.getZeroCount()).isEqualTo(11.0);
  }

  @Test
  void shouldCountEveryRequestInExactlyOneIntervalWhileIntervalsClose() throws Exception {
    TenantMetricsRecorder recorder = Recorders.onSink(Recorders.builder().maxQueuedIntervals(1_000), sink);
    int threads = 4;
    int perThread = 200_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread writer = new Thread(() -> {
        awaitQuietly(start);
        for (int i = 0; i < perThread; i++) {
          recorder.record("tenant-" + (i % 50), i % 10 == 0 ? 503 : 200, 1_000_000L + i);
        }
      });
      writer.start();
      writers.add(writer);
    }
    // While four threads record, intervals close one after the other
    start.countDown();
    long now = T0;
    long closedAt = 0;
    while (writers.stream().anyMatch(Thread::isAlive)) {
      if (recorder.recorded() - closedAt >= 20_000) {
        closedAt = recorder.recorded();
        recorder.advanceTo(now += 1_000);
      }
      Thread.onSpinWait();
    }
    recorder.advanceTo(now + 1_000);

    long total = (long) threads * perThread;
    await().untilAsserted(() -> assertThat(recorder.published()).isEqualTo(total));
    assertThat(sink.records().stream().mapToLong(TenantRequestMetrics::getRequests).sum()).isEqualTo(total);
    assertThat(sink.records().stream().mapToLong(TenantRequestMetrics::getStatus5xx).sum()).isEqualTo(total / 10);
    assertThat(sink.recordsOf("tenant-7").stream().mapToLong(TenantRequestMetrics::getRequests).sum())
        .isEqualTo(total / 50);
    assertThat(sink.records()).allSatisfy(r -> assertThat(sketchOf(r).getCount()).isEqualTo(r.getRequests()));
    assertThat(sink.records().stream().map(TenantRequestMetrics::getWindowStart).distinct().count())
        .as("intervals").isGreaterThan(2);
    assertThat(recorder.droppedByBackpressure()).isZero();
  }

  @Test
  void shouldCountEveryRequestExactlyOnceWhileIdleTenantsLeaveAndTheSlotsAreMoved() throws Exception {
    // 256 positions for 60 tenants: the 20 tenants that come and go each interval leave enough tombstones that every
    // interval moves the slots to a fresh table while three threads record the steady tenants
    IntervalAggregator aggregator = new IntervalAggregator(LatencySketchLayout.standard(), 60, 8, 64, 1);
    int threads = 3;
    int perThread = 300_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread writer = new Thread(() -> {
        awaitQuietly(start);
        for (int i = 0; i < perThread; i++) {
          // latencies from 1 ms to 50 ms, so that the slots' halves also shift and grow meanwhile
          aggregator.record("steady-" + (i % 8), 200, 1_000_000L + (i % 5_000) * 10_000L, false);
        }
      });
      writer.start();
      writers.add(writer);
    }
    start.countDown();
    Map<String, Long> published = new HashMap<>();
    long churned = 0;
    for (int round = 0; writers.stream().anyMatch(Thread::isAlive) || round < 3; round++) {
      for (int k = 0; k < 20; k++) {
        aggregator.record("churn-" + round + "-" + k, 503, 5_000_000L, false);
        churned++;
      }
      for (TenantCounts counts : aggregator.closeInterval(round, round + 1).tenants()) {
        published.merge(counts.tenantId(), counts.requests(), Long::sum);
      }
    }
    for (TenantCounts counts : aggregator.closeInterval(-1, 0).tenants()) {
      published.merge(counts.tenantId(), counts.requests(), Long::sum);
    }

    assertThat(aggregator.droppedByCap()).isZero();
    assertThat(aggregator.purges()).as("moves to a fresh table").isGreaterThan(2);
    assertThat(published.values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo((long) threads * perThread + churned).isEqualTo(aggregator.recorded());
    for (int k = 0; k < 8; k++) {
      assertThat(published.get("steady-" + k)).isEqualTo((long) threads * perThread / 8);
    }
    assertThat(published.entrySet()).filteredOn(e -> e.getKey().startsWith("churn-")).hasSize((int) churned)
        .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isEqualTo(1));
  }

  @Test
  void shouldNotAllocateOnTheRequestPathOnceItsTenantsAreKnown() {
    TenantMetricsRecorder recorder = Recorders.onSink(Recorders.builder(), sink);
    String[] tenants = new String[100];
    Arrays.setAll(tenants, i -> "tenant-" + i);
    long[] latencies = new long[1024];
    Random random = new Random(3);
    Arrays.setAll(latencies, i -> (long) (40e6 * Math.exp(0.8 * random.nextGaussian())));
    // both halves of every slot have seen these tenants and latencies
    for (int round = 1; round <= 2; round++) {
      for (int i = 0; i < 200_000; i++) {
        recorder.record(tenants[i % tenants.length], 200 + i % 400, latencies[i % latencies.length]);
      }
      recorder.advanceTo(T0 + round * 1_000L);
    }

    com.sun.management.ThreadMXBean threadBean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threadBean.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 200_000; i++) {
      recorder.record(tenants[i % tenants.length], 200 + i % 400, latencies[i % latencies.length]);
    }
    long allocated = threadBean.getCurrentThreadAllocatedBytes() - before;

    // one object per call would be 3.2 MB at least
    assertThat(allocated).as("bytes allocated by 200,000 calls").isLessThan(1_000);
  }

  /** The gate's view of a record's latencies: a DDSketch of the shared layout holding its bins. */
  static DDSketch sketchOf(TenantRequestMetrics record) {
    LatencySketch latency = record.getLatency();
    Store positive = new UnboundedSizeDenseStore();
    for (int k = 0; k < latency.getIndexes().size(); k++) {
      positive.add(latency.getIndexes().get(k), latency.getCounts().get(k));
    }
    return DDSketch.of(LatencySketchLayout.of(latency.getRelativeAccuracy()).mapping(),
        new UnboundedSizeDenseStore(), positive, latency.getZeroCount());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
