package dev.tenantwave.events.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topic;
import dev.tenantwave.events.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class EventSerdesTest {

  private static final String REGISTRY = "http://localhost:" + closedPort();

  @Test
  void shouldTalkToTheCoreApiUnderTheBaseUrl() {
    assertThat(EventSerdes.forRegistry("http://registry:8080").serdeConfig())
        .containsEntry("apicurio.registry.url", "http://registry:8080/apis/registry/v3");
    assertThat(EventSerdes.forRegistry(" http://registry:8080/ ").registryBaseUrl()).isEqualTo("http://registry:8080");
    assertThat(EventSerdes.forRegistry("http://registry:8080/apis/registry/v3").registryBaseUrl())
        .isEqualTo("http://registry:8080");
  }

  @Test
  void shouldRefuseARegistryUrlThatIsNotHttp() {
    assertThatThrownBy(() -> EventSerdes.forRegistry("localhost:8080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("localhost:8080");
  }

  @Test
  void shouldWriteTheConfluentWireFormatAndReadGeneratedClasses() {
    assertThat(EventSerdes.forRegistry(REGISTRY).serdeConfig())
        .containsEntry("apicurio.registry.headers.enabled", "false")
        .containsEntry("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler")
        .containsEntry("apicurio.registry.use-id", "contentId")
        .containsEntry("apicurio.registry.auto-register", "true")
        .containsEntry("apicurio.registry.dereference-schema", "true")
        .containsEntry("apicurio.registry.http.adapter", "JDK")
        .containsEntry("apicurio.registry.use-specific-avro-reader", "true")
        .containsEntry("apicurio.registry.avro-datum-provider",
            SchemaCachingDatumProvider.class.getName());
  }

  @Test
  void shouldAddAndOverridePropertiesWithoutChangingTheOriginal() {
    EventSerdes original = EventSerdes.forRegistry(REGISTRY);
    EventSerdes changed = original.withConfig(Map.of(
        "apicurio.registry.auto-register", "false", "apicurio.registry.auth.username", "ops"));

    assertThat(changed.serdeConfig())
        .containsEntry("apicurio.registry.auto-register", "false")
        .containsEntry("apicurio.registry.auth.username", "ops")
        .containsEntry("apicurio.registry.use-id", "contentId");
    assertThat(original.serdeConfig())
        .containsEntry("apicurio.registry.auto-register", "true")
        .doesNotContainKey("apicurio.registry.auth.username");
  }

  @Test
  void shouldGiveClientConfigsThatKafkaAccepts() {
    EventSerdes serdes = EventSerdes.forRegistry(REGISTRY);
    Map<String, Object> producer = new HashMap<>(serdes.producerValueConfig());
    producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, EventSerdes.keySerde().serializer().getClass());
    Map<String, Object> consumer = new HashMap<>(serdes.consumerValueConfig());
    consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, EventSerdes.keySerde().deserializer().getClass());

    assertThat(new ProducerConfig(producer).getClass(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG).getName())
        .isEqualTo("io.apicurio.registry.serde.avro.AvroKafkaSerializer");
    assertThat(new ConsumerConfig(consumer).getClass(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG).getName())
        .isEqualTo("io.apicurio.registry.serde.avro.AvroKafkaDeserializer");
    assertThat(serdes.consumerValueConfig()).containsAllEntriesOf(serdes.serdeConfig());
  }

  @Test
  void shouldBuildASerdeForEveryTopicWithoutReachingTheRegistry() {
    EventSerdes serdes = EventSerdes.forRegistry(REGISTRY);
    for (Topic<?> topic : Topics.all()) {
      try (Serde<?> serde = serdes.valueSerde(topic)) {
        assertThat(serde.serializer().serialize(topic.name(), null)).as("tombstone on %s", topic.name()).isNull();
        assertThat(serde.deserializer().deserialize(topic.name(), null)).isNull();
      }
    }
  }

  @Test
  void shouldRefuseBytesThatAreNotInTheWireFormat() {
    try (Deserializer<GateVerdict> deserializer = EventSerdes.forRegistry(REGISTRY).valueDeserializer(Topics.GATE_VERDICTS)) {
      assertThatThrownBy(() -> deserializer.deserialize(Topics.GATE_VERDICTS.name(), "{\"json\":1}".getBytes()))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("magic byte");
    }
  }

  @Test
  void shouldRefuseAnEventOfAnotherTopic() {
    Deserializer<Object> decodesMetrics = (topic, data) -> TenantRequestMetrics.newBuilder()
        .setEventId(java.util.UUID.randomUUID()).setSequence(1).setTenantId("t").setService("s").setAppVersion("1")
        .setWindowStart(java.time.Instant.EPOCH).setWindowEnd(java.time.Instant.EPOCH).setRequests(1)
        .setLatency(dev.tenantwave.events.LatencySketch.newBuilder().build()).build();
    Deserializer<GateVerdict> typed = new TypedDeserializer<>(Topics.GATE_VERDICTS, decodesMetrics);

    assertThatThrownBy(() -> typed.deserialize("gate.verdicts.v1", new byte[] {0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("TenantRequestMetrics")
        .hasMessageContaining("GateVerdict");
  }

  @Test
  void shouldNameSubjectsAfterTheTopicAndUseStringKeys() {
    assertThat(EventSerdes.subjectOf(Topics.TENANT_METRICS)).isEqualTo("tenant.metrics.v1-value");
    Serde<String> keys = EventSerdes.keySerde();
    assertThat(keys.deserializer().deserialize("t", keys.serializer().serialize("t", "acme-eu"))).isEqualTo("acme-eu");
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
