package dev.tenantwave.e2e;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import dev.tenantwave.events.LatencySketch;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.TestInfra;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The product's request metrics as its instances would publish them to {@code tenant.metrics.v1}: every second, for
 * every tenant, the last second's {@value #REQUESTS} requests on the version the tenant is routed to, 1 % of them
 * 5xx and latencies of 20–80 ms in a DDSketch of 1 % relative accuracy; the bad tenant answers 50 % 5xx on the new
 * version. The record timestamp is the interval's start, the gate's event time.
 */
final class SyntheticTraffic implements AutoCloseable {

  static final int REQUESTS = 100;
  private static final double RELATIVE_ACCURACY = 0.01;
  private static final LatencySketch LATENCY = latency();

  private final KafkaProducer<String, TenantRequestMetrics> producer;
  private final List<String> tenants;
  private final Function<String, String> versionOf;
  private final String badTenant;
  private final String badVersion;
  private final Set<String> silenced = ConcurrentHashMap.newKeySet();
  private final AtomicLong sequence = new AtomicLong();
  private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "e2e-synthetic-traffic");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * Starts publishing at once; {@code versionOf} tells the version a tenant is on now; {@code badTenant} (null for
   * none) answers half its requests with 5xx on {@code badVersion}.
   */
  SyntheticTraffic(TestInfra infra, EventSerdes serdes, List<String> tenants, Function<String, String> versionOf,
      String badTenant, String badVersion) {
    this.tenants = List.copyOf(tenants);
    this.versionOf = versionOf;
    this.badTenant = badTenant;
    this.badVersion = badVersion;
    this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(),
        ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), serdes.valueSerializer(Topics.TENANT_METRICS));
    clock.scheduleAtFixedRate(this::publishLastSecond, 0, 1, TimeUnit.SECONDS);
  }

  /** A failed second is reported and the next one published: a scheduled task that throws would stop for good. */
  private void publishLastSecond() {
    try {
      publish(Instant.now());
    } catch (RuntimeException e) {
      System.err.println("synthetic traffic: could not publish this second's metrics: " + e);
    }
  }

  /** From now on the tenant's requests are someone else's to publish (a benchmark's bad window, say). */
  void silence(String tenant) {
    silenced.add(tenant);
  }

  private void publish(Instant end) {
    Instant start = end.minusSeconds(1);
    for (String tenant : tenants) {
      if (silenced.contains(tenant)) {
        continue;
      }
      String version = versionOf.apply(tenant);
      long errors = tenant.equals(badTenant) && version.equals(badVersion) ? REQUESTS / 2 : REQUESTS / 100;
      TenantRequestMetrics metrics = metrics(tenant, version, start, end, REQUESTS, errors,
          sequence.incrementAndGet());
      producer.send(new ProducerRecord<>(Topics.TENANT_METRICS.name(), null, start.toEpochMilli(), tenant, metrics));
    }
    producer.flush();
  }

  /** What an instance of the product says about one tenant's requests from {@code start} to {@code end}. */
  static TenantRequestMetrics metrics(String tenant, String version, Instant start, Instant end, long requests,
      long errors5xx, long sequence) {
    return TenantRequestMetrics.newBuilder()
        .setEventId(UUID.randomUUID()).setSequence(sequence).setTenantId(tenant)
        .setService("crm-api").setInstance("crm-api-e2e").setAppVersion(version)
        .setWindowStart(start).setWindowEnd(end)
        .setRequests(requests).setStatus4xx(0).setStatus5xx(errors5xx).setTimeouts(0)
        .setLatency(LATENCY)
        .build();
  }

  /** The same spread every second: one request at each of 100 latencies from 20 to 79.4 ms. */
  private static LatencySketch latency() {
    DDSketch sketch = new DDSketch(new LogarithmicMapping(RELATIVE_ACCURACY), UnboundedSizeDenseStore::new);
    for (int i = 0; i < REQUESTS; i++) {
      sketch.accept(20.0 + i * 0.6);
    }
    List<Integer> indexes = new ArrayList<>();
    List<Double> counts = new ArrayList<>();
    sketch.getPositiveValueStore().forEach((index, count) -> {
      indexes.add(index);
      counts.add(count);
    });
    return LatencySketch.newBuilder().setRelativeAccuracy(RELATIVE_ACCURACY).setIndexes(indexes).setCounts(counts)
        .setZeroCount(0.0).build();
  }

  @Override
  public void close() throws InterruptedException {
    clock.shutdown();
    clock.awaitTermination(10, TimeUnit.SECONDS);
    producer.close();
  }
}
