package dev.tenantwave.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantwave.events.Topic;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event type through the real broker and registry, checked the way a Confluent-compatible consumer would
 * read it: magic byte 0, a 4-byte id that the registry's ccompat API resolves, and a payload that a plain Avro
 * reader decodes with that schema alone.
 */
class WireFormatIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static TestInfra infra;
  private static EventSerdes serdes;

  @BeforeAll
  static void startInfrastructure() {
    infra = TestInfra.get();
    infra.createTopics();
    serdes = EventSerdes.forRegistry(infra.registryUrl());
  }

  static Stream<Topic<?>> topics() {
    return Topics.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  <V extends SpecificRecord> void shouldWriteEveryEventInTheConfluentWireFormat(Topic<V> topic) throws Exception {
    V event = topic.valueType().cast(SampleEvents.of(topic));
    String key = SampleEvents.keyOf(topic);

    RecordMetadata written = produce(topic, key, event);

    // Our own consumers, configured from consumerValueConfig(), get the generated class back.
    ConsumerRecord<String, Object> decoded = readBack(written, serdes.consumerValueConfig());
    assertThat(decoded.key()).isEqualTo(key);
    assertThat(decoded.value()).isInstanceOf(topic.valueType()).isEqualTo(event);

    // The bytes on the topic: Confluent wire format, no schema headers.
    ConsumerRecord<String, Object> raw = readBack(
        written, Map.of(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    byte[] bytes = (byte[]) raw.value();
    assertThat(raw.headers().toArray()).as("headers of %s", topic.name()).isEmpty();
    assertThat(bytes.length).isGreaterThan(5);
    assertThat(bytes[0]).as("magic byte").isZero();
    int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();

    // The id resolves at the Confluent-compatible API, and it is the subject's latest schema.
    Schema writerSchema = new Schema.Parser().parse(ccompat("/schemas/ids/" + schemaId).get("schema").asText());
    assertThat(writerSchema.getFullName()).isEqualTo(topic.valueType().getName());
    JsonNode latest = ccompat("/subjects/" + urlEncode(EventSerdes.subjectOf(topic)) + "/versions/latest");
    assertThat(latest.get("id").asInt()).as("id of subject %s", EventSerdes.subjectOf(topic)).isEqualTo(schemaId);

    // A plain Avro reader with only that schema reads the whole payload and sees what was sent.
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
    Object plain = new GenericDatumReader<>(writerSchema).read(null, decoder);
    assertThat(decoder.isEnd()).as("payload fully consumed").isTrue();
    assertThat(valuesOf(plain)).isEqualTo(valuesOf(event));

    // And the typed serde of the topic reads the same bytes.
    try (Deserializer<V> deserializer = serdes.valueDeserializer(topic)) {
      assertThat(deserializer.deserialize(topic.name(), raw.headers(), bytes)).isEqualTo(event);
    }
  }

  private static <V extends SpecificRecord> RecordMetadata produce(Topic<V> topic, String key, V event) throws Exception {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(config, EventSerdes.keySerde().serializer(), serdes.valueSerializer(topic))) {
      return producer.send(new ProducerRecord<>(topic.name(), key, event)).get();
    }
  }

  /** The one record at the written offset, read by a consumer with these value settings. */
  private static ConsumerRecord<String, Object> readBack(RecordMetadata written, Map<String, ?> valueConfig) {
    Map<String, Object> config = new HashMap<>(valueConfig);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueId("wire-format"));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    TopicPartition partition = new TopicPartition(written.topic(), written.partition());
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config)) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, written.offset());
      List<ConsumerRecord<String, Object>> records = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return !records.isEmpty();
      });
      return records.get(0);
    }
  }

  private static JsonNode ccompat(String path) throws IOException, InterruptedException {
    URI uri = URI.create(infra.registryUrl() + EventSerdes.CCOMPAT_API_PATH + path);
    HttpResponse<String> response =
        HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String urlEncode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /**
   * Field values as plain Java values (strings, numbers, lists, maps), so a generic record decoded without our
   * classes compares with the event we sent: timestamps as epoch millis, UUIDs, enums and Utf8 as strings.
   */
  private static Object valuesOf(Object value) {
    if (value instanceof IndexedRecord record) {
      Map<String, Object> fields = new LinkedHashMap<>();
      record.getSchema().getFields().forEach(field -> fields.put(field.name(), valuesOf(record.get(field.pos()))));
      return fields;
    }
    if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?> || value instanceof Enum<?>
        || value instanceof UUID) {
      return value.toString();
    }
    if (value instanceof Instant instant) {
      return instant.toEpochMilli();
    }
    if (value instanceof Collection<?> items) {
      return items.stream().map(WireFormatIT::valuesOf).toList();
    }
    if (value instanceof Map<?, ?> entries) {
      Map<String, Object> plain = new HashMap<>();
      entries.forEach((k, v) -> plain.put(k.toString(), valuesOf(v)));
      return plain;
    }
    return value;
  }
}
