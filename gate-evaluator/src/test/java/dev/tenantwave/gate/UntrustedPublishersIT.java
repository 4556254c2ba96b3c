package dev.tenantwave.gate;

import static dev.tenantwave.gate.GateClients.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.GateSpec;
import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.VerdictOutcome;
import dev.tenantwave.gate.judging.GateRules;
import dev.tenantwave.gate.topology.GateEvents;
import dev.tenantwave.service.dlq.DeadLetterRouter;
import dev.tenantwave.testsupport.TestInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The gate on the real broker against publishers it cannot trust: a clock an hour ahead, a partitioner that is not
 * Kafka's Java default.
 */
class UntrustedPublishersIT {

  private static final long MINUTE = 60_000;

  private final TestInfra infra = TestInfra.get();
  private final GateClients clients = new GateClients(infra);

  @Test
  void shouldDeadLetterARecordStampedAnHourAheadAndStillFailAnotherTenantInItsBake() throws Exception {
    infra.createTopics();
    String run = TestInfra.uniqueId("ahead").replace('_', '-');
    String bravo = run + "-bravo";
    String alpha = onTheSamePartitionAs(bravo, run + "-alpha");
    String applicationId = TestInfra.uniqueId("tw_gate_ahead_it");
    GateSpec bake600s = GateEvents.specBuilder().setBakeSeconds(600).build();

    try (KafkaStreams gate = clients.streams(applicationId);
         KafkaProducer<String, TenantReleaseState> states = clients.producer(Topics.RELEASE_TENANT_STATE);
         KafkaProducer<String, TenantRequestMetrics> metrics = clients.producer(Topics.TENANT_METRICS);
         KafkaConsumer<String, GateVerdict> verdicts = clients.verdictConsumer()) {
      gate.start();
      // Given bravo, switched 15 s ago into a 600 s bake, with 80 healthy requests on v2
      long now = System.currentTimeMillis();
      states.send(new ProducerRecord<>(Topics.RELEASE_TENANT_STATE.name(), null, now - 15_000, bravo,
          GateEvents.switched(bravo, "r-ahead", "v2", "v1", now - 15_000, bake600s))).get();
      metrics.send(record(GateEvents.metrics(bravo, "v2", now - 10_000, 40, 0, 0, 35.0)));
      metrics.send(record(GateEvents.metrics(bravo, "v2", now - 5_000, 40, 0, 0, 35.0)));

      // When a publisher of alpha, on bravo's partition, stamps a record 58 minutes ahead (the broker takes up to 1 h)
      TenantRequestMetrics ahead = GateEvents.metrics(alpha, "v1", now, 100, 0, 0, 35.0);
      metrics.send(record(ahead, now + 58 * MINUTE)).get();

      // And bravo then answers half of its requests with a 5xx, in 31 records
      for (int i = 0; i < 31; i++) {
        metrics.send(record(GateEvents.metrics(bravo, "v2", now + i * 100L, 10, 5, 0, 35.0)));
      }
      metrics.flush();

      // Then bravo fails on its 5xx rate
      List<GateVerdict> seen = new ArrayList<>();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        verdicts.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
        assertThat(seen).anySatisfy(v -> assertThat(v.getTenantId()).isEqualTo(bravo));
      });

      // And, once the gate has committed past every record, that FAIL is bravo's only verdict: no early PASS
      clients.awaitCommittedToEnd(applicationId, Topics.TENANT_METRICS.name());
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(() -> {
        var batch = verdicts.poll(Duration.ofMillis(500));
        batch.forEach(r -> seen.add(r.value()));
        return batch.isEmpty();
      });
      assertThat(seen).filteredOn(v -> v.getTenantId().equals(bravo)).singleElement().satisfies(fail -> {
        assertThat(fail.getOutcome()).isEqualTo(VerdictOutcome.FAIL);
        assertThat(fail.getGate()).isEqualTo(GateRules.ERROR_RATE_5XX);
      });

      // And alpha's record is on the dead-letter topic with the reason
      ConsumerRecord<String, byte[]> deadLetter = deadLetterOf(alpha);
      assertThat(header(deadLetter, DeadLetterRouter.REASON)).contains("ahead of the wall clock",
          "tenantwave.gate.max-clock-skew");
      assertThat(header(deadLetter, DeadLetterRouter.SOURCE_TOPIC)).isEqualTo(Topics.TENANT_METRICS.name());
    }
  }

  @Test
  void shouldFailATenantWhosePublisherPartitionsByCrc32LikeLibrdkafka() throws Exception {
    infra.createTopics();
    String tenant = elsewhereUnderCrc32(TestInfra.uniqueId("crc32").replace('_', '-'));
    String applicationId = TestInfra.uniqueId("tw_gate_crc32_it");

    try (KafkaStreams gate = clients.streams(applicationId);
         KafkaProducer<String, TenantReleaseState> states = clients.producer(Topics.RELEASE_TENANT_STATE);
         KafkaProducer<String, TenantRequestMetrics> metrics = clients.producer(Topics.TENANT_METRICS,
             Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, Crc32Partitioner.class.getName()));
         KafkaConsumer<String, GateVerdict> verdicts = clients.verdictConsumer()) {
      gate.start();
      // Given a tenant switched to v2 a second before the current 10 s window began (the orchestrator publishes with
      // Kafka's default partitioner); before the window, so that none of the records below predates the switch
      long now = System.currentTimeMillis();
      long windowStart = now - now % 10_000;
      states.send(new ProducerRecord<>(Topics.RELEASE_TENANT_STATE.name(), null, windowStart - 1000, tenant,
          GateEvents.switched(tenant, "r-crc32", "v2", "v1", windowStart - 1000, GateEvents.spec()))).get();

      // When its publisher, partitioning by CRC32, sends 20 healthy records, then 10 with half of the requests 5xx,
      // all in that window
      int partition = -1;
      for (int i = 0; i < 30; i++) {
        partition = metrics.send(record(GateEvents.metrics(tenant, "v2", windowStart + i * 100L, 10, i < 20 ? 0 : 5,
            0, 35.0))).get().partition();
      }

      // Then the records are on another partition than the tenant's release state, and the tenant fails all the same
      assertThat(partition).isEqualTo(crc32Partition(tenant)).isNotEqualTo(murmur2Partition(tenant));
      List<GateVerdict> seen = new ArrayList<>();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        verdicts.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
        assertThat(seen).anySatisfy(v -> assertThat(v.getTenantId()).isEqualTo(tenant));
      });
      assertThat(seen).filteredOn(v -> v.getTenantId().equals(tenant)).first().satisfies(fail -> {
        assertThat(fail.getOutcome()).isEqualTo(VerdictOutcome.FAIL);
        assertThat(fail.getGate()).isEqualTo(GateRules.ERROR_RATE_5XX);
        assertThat(fail.getSamples()).isEqualTo(230); // 15 of 230 requests, the first breach of 5 %
      });
    }
  }

  /** A tenant id starting with {@code prefix} that CRC32 and murmur2 put on different partitions. */
  private static String elsewhereUnderCrc32(String prefix) {
    for (int i = 0; ; i++) {
      String candidate = prefix + "-" + i;
      if (crc32Partition(candidate) != murmur2Partition(candidate)) {
        return candidate;
      }
    }
  }

  private static int crc32Partition(String key) {
    return Crc32Partitioner.partition(key.getBytes(StandardCharsets.UTF_8), Topics.DEFAULT_PARTITIONS);
  }

  /** A tenant id starting with {@code prefix} that Kafka's default partitioner puts on {@code tenant}'s partition. */
  private static String onTheSamePartitionAs(String tenant, String prefix) {
    int partition = murmur2Partition(tenant);
    for (int i = 0; ; i++) {
      String candidate = prefix + "-" + i;
      if (murmur2Partition(candidate) == partition) {
        return candidate;
      }
    }
  }

  private static int murmur2Partition(String key) {
    return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), Topics.DEFAULT_PARTITIONS);
  }

  /** The record of {@code tenant} on {@code tenant.metrics.v1.dlq}, waiting for it. */
  private ConsumerRecord<String, byte[]> deadLetterOf(String tenant) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueId("gate_it_dlq"),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.TENANT_METRICS.deadLetterTopic()));
      List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (tenant.equals(r.key())) {
            found.add(r);
          }
        });
        assertThat(found).isNotEmpty();
      });
      return found.get(0);
    }
  }

  private static String header(ConsumerRecord<?, ?> record, String key) {
    var header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
