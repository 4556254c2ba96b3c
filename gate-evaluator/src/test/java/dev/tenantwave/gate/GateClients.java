package dev.tenantwave.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.Topic;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.gate.streams.GateSettings;
import dev.tenantwave.gate.streams.GateStreamsFactory;
import dev.tenantwave.testsupport.TestInfra;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/** What the gate's integration tests publish, read and run against the real broker and registry. */
final class GateClients {

  private final TestInfra infra;
  private final EventSerdes serdes;

  GateClients(TestInfra infra) {
    this.infra = infra;
    this.serdes = EventSerdes.forRegistry(infra.registryUrl());
  }

  /** The gate's streams as {@code GateStreams} builds them, not started, committing every 100 ms. */
  KafkaStreams streams(String applicationId) throws Exception {
    GateSettings settings = new GateSettings();
    settings.setApplicationId(applicationId);
    settings.setStateDir(Files.createTempDirectory("gate-it").toString());
    settings.setCommitInterval(Duration.ofMillis(100));
    return GateStreamsFactory.create(GateStreamsFactory.topology(settings, serdes),
        GateStreamsFactory.properties(settings, infra.kafkaBootstrap()));
  }

  /** Settings of the gate evaluator as a Micronaut service on the test broker and registry, committing every 100 ms. */
  Map<String, Object> serviceSettings(String applicationId) throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put("micronaut.server.port", -1);
    settings.put("kafka.bootstrap.servers", infra.kafkaBootstrap());
    settings.put("tenantwave.registry.url", infra.registryUrl());
    settings.put("tenantwave.gate.application-id", applicationId);
    settings.put("tenantwave.gate.state-dir", Files.createTempDirectory("gate-it").toString());
    settings.put("tenantwave.gate.commit-interval", "100ms"); // the tests wait for commits
    return settings;
  }

  <V extends SpecificRecord> KafkaProducer<String, V> producer(Topic<V> topic) {
    return producer(topic, Map.of());
  }

  <V extends SpecificRecord> KafkaProducer<String, V> producer(Topic<V> topic, Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>(overrides);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
    return new KafkaProducer<>(config, new StringSerializer(), serdes.valueSerializer(topic));
  }

  /** A read-committed consumer of {@code gate.verdicts.v1} from its beginning, in a group of its own. */
  KafkaConsumer<String, GateVerdict> verdictConsumer() {
    return consumer(Topics.GATE_VERDICTS);
  }

  /** A read-committed consumer of {@code topic} from its beginning, in a group of its own. */
  <V extends SpecificRecord> KafkaConsumer<String, V> consumer(Topic<V> topic) {
    KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueId("gate_it_consumer"),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), serdes.valueDeserializer(topic));
    consumer.subscribe(List.of(topic.name()));
    return consumer;
  }

  /** A metric record stamped with the start of its interval, as publishers send it. */
  static ProducerRecord<String, TenantRequestMetrics> record(TenantRequestMetrics m) {
    return record(m, m.getWindowStart().toEpochMilli());
  }

  static ProducerRecord<String, TenantRequestMetrics> record(TenantRequestMetrics m, long timestamp) {
    return new ProducerRecord<>(Topics.TENANT_METRICS.name(), null, timestamp, m.getTenantId(), m);
  }

  /** Waits until the group has committed past the record that was written at {@code written}: it was processed. */
  void awaitCommittedPast(String groupId, RecordMetadata written) {
    TopicPartition partition = new TopicPartition(written.topic(), written.partition());
    try (Admin admin = infra.admin()) {
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        OffsetAndMetadata committed =
            admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().get(partition);
        assertThat(committed).as("committed offset of %s", partition).isNotNull();
        assertThat(committed.offset()).as("committed offset of %s", partition).isGreaterThan(written.offset());
      });
    }
  }

  /** Waits until the group has committed every partition of {@code topic} up to its end. */
  void awaitCommittedToEnd(String groupId, String topic) {
    try (Admin admin = infra.admin()) {
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < Topics.DEFAULT_PARTITIONS; p++) {
          latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        admin.listOffsets(latest).all().get().forEach((tp, end) -> {
          long position = committed.containsKey(tp) ? committed.get(tp).offset() : 0;
          // under exactly-once, a transaction marker follows the last record
          assertThat(position).as("committed offset of %s", tp).isGreaterThanOrEqualTo(end.offset() - 1);
        });
      });
    }
  }
}
