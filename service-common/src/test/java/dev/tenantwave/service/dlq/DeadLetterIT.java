package dev.tenantwave.service.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topic;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.LocalStack;
import dev.tenantwave.testsupport.SampleEvents;
import dev.tenantwave.testsupport.TestInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Given undecodable bytes followed by a valid event on a contract topic, when a consumer decodes through the shared
 * {@link DecodingGuard}, then the bytes land on {@code <topic>.dlq} unchanged with why and where from in headers,
 * and the consumer goes on to decode the valid event.
 */
class DeadLetterIT {

  private static final TestInfra INFRA = TestInfra.get();
  private static final EventSerdes SERDES = EventSerdes.forRegistry(INFRA.registryUrl());

  @BeforeAll
  static void createTopics() {
    INFRA.createTopics();
  }

  static List<Topic<?>> topics() {
    return Topics.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  <V extends SpecificRecord> void poisonGoesToTheDeadLetterTopicAndTheConsumerKeepsGoing(Topic<V> topic) throws Exception {
    String key = TestInfra.uniqueId("tenant").replace('_', '-');
    byte[] poison = "not avro at all".getBytes(StandardCharsets.UTF_8);
    @SuppressWarnings("unchecked")
    V valid = (V) SampleEvents.of(topic);
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        INFRA.kafkaBootstrap()), new ByteArraySerializer(), new ByteArraySerializer());
         var serializer = SERDES.valueSerializer(topic)) {
      byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
      producer.send(new ProducerRecord<>(topic.name(), keyBytes, poison)).get();
      producer.send(new ProducerRecord<>(topic.name(), keyBytes, serializer.serialize(topic.name(), valid))).get();
    }

    List<V> decoded = new ArrayList<>();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        INFRA.kafkaBootstrap()), new ByteArraySerializer(), new ByteArraySerializer());
         var consumer = consumer(new ByteArrayDeserializer())) {
      DecodingGuard<V> guard = new DecodingGuard<>(SERDES.valueDeserializer(topic), new DeadLetterRouter(producer));
      consumer.subscribe(List.of(topic.name()));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(record.key())) {
            guard.decode(record).ifPresent(decoded::add);
          }
        }
        return !decoded.isEmpty();
      });
    }
    assertThat(decoded).containsExactly(valid);

    List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
    try (var consumer = consumer(new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic.deadLetterTopic()));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (key.equals(r.key())) {
            dead.add(r);
          }
        });
        return !dead.isEmpty();
      });
    }
    assertThat(dead).hasSize(1);
    ConsumerRecord<String, byte[]> letter = dead.get(0);
    assertThat(letter.value()).isEqualTo(poison);
    assertThat(header(letter, DeadLetterRouter.REASON)).startsWith("undecodable value");
    assertThat(header(letter, DeadLetterRouter.SOURCE_TOPIC)).isEqualTo(topic.name());
    assertThat(header(letter, DeadLetterRouter.SOURCE_OFFSET)).matches("\\d+");
    assertThat(header(letter, DeadLetterRouter.EXCEPTION)).isNotBlank();
  }

  /**
   * Given a valid event and a registry that does not answer, when it is decoded, then decoding fails as retriable
   * and nothing is dead-lettered: the record is fine, the registry is not.
   */
  @Test
  void registryOutOfReachIsNotTheRecordsFault() throws Exception {
    Topic<TenantRequestMetrics> topic = Topics.TENANT_METRICS;
    byte[] valid;
    try (var serializer = SERDES.valueSerializer(topic)) {
      valid = serializer.serialize(topic.name(), (TenantRequestMetrics) SampleEvents.of(topic));
    }
    var record = new ConsumerRecord<String, byte[]>(topic.name(), 0, 42, "acme-eu", valid);
    String unreachable = "http://localhost:" + LocalStack.freePort();
    long dlqEndBefore = endOffsets(topic.deadLetterTopic());

    try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        INFRA.kafkaBootstrap()), new ByteArraySerializer(), new ByteArraySerializer());
         var router = new DeadLetterRouter(producer);
         var deserializer = EventSerdes.forRegistry(unreachable).valueDeserializer(topic)) {
      DecodingGuard<TenantRequestMetrics> guard = new DecodingGuard<>(deserializer, router);
      assertThatThrownBy(() -> guard.decode(record))
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessageContaining(topic.name() + "-0@42");
      assertThat(router.routedCount()).isZero();
    }
    assertThat(endOffsets(topic.deadLetterTopic())).isEqualTo(dlqEndBefore);
  }

  /** The sum of the topic's end offsets: it grows with every record written to any partition. */
  private static long endOffsets(String topicName) throws Exception {
    try (var admin = INFRA.admin()) {
      Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topicName)).allTopicNames().get()
          .get(topicName).partitions().stream()
          .collect(Collectors.toMap(p -> new TopicPartition(topicName, p.partition()), p -> OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(ByteArrayDeserializer values) {
    return new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueId("dlq-test"),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), values);
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    assertThat(header).as("header " + name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
