package dev.tenantwave.events.serde;

import dev.tenantwave.events.Topic;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import io.apicurio.registry.serde.strategy.TopicIdStrategy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one place that knows how event values are written: Avro through Apicurio's serdes, in the Confluent wire
 * format (magic byte 0, the 4-byte content id of the schema, Avro binary, no headers), so that any
 * Confluent-compatible consumer reads our topics through the registry's {@code /apis/ccompat/v7} API.
 *
 * <p>Schemas are registered on first use under the subject {@code <topic>-value}; readers decode into the
 * generated classes of this module. Keys are plain strings.
 */
public final class EventSerdes {

  /** Path of Apicurio's own REST API under the registry's base URL; the serdes talk to it, not to ccompat. */
  public static final String CORE_API_PATH = "/apis/registry/v3";
  /** Path of the Confluent-compatible API under the registry's base URL. */
  public static final String CCOMPAT_API_PATH = "/apis/ccompat/v7";

  private final String registryBaseUrl;
  private final Map<String, Object> serdeConfig;

  private EventSerdes(String registryBaseUrl, Map<String, Object> serdeConfig) {
    this.registryBaseUrl = registryBaseUrl;
    this.serdeConfig = Map.copyOf(serdeConfig);
  }

  /**
   * Serdes against the registry at {@code registryUrl}, its base URL such as {@code http://localhost:18085}
   * (a URL that already ends with {@value #CORE_API_PATH} is accepted as well).
   */
  public static EventSerdes forRegistry(String registryUrl) {
    String base = baseUrlOf(registryUrl);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(SchemaResolverConfig.REGISTRY_URL, base + CORE_API_PATH);
    config.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, "true");
    config.put(SchemaResolverConfig.ARTIFACT_RESOLVER_STRATEGY, TopicIdStrategy.class.getName());
    // The registry stores the schema with its named types inlined, so a plain Avro parser (what a Confluent
    // client does with /schemas/ids/{id}) can read it without resolving references.
    config.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, "true");
    // Apicurio's default Vert.x client starts its own event loop; the JDK client needs no threads of its own.
    config.put(SchemaResolverConfig.HTTP_ADAPTER, "JDK");
    // Confluent wire format: no schema headers, magic byte + 4-byte id in the payload, the id being the
    // content id, which is what the ccompat API serves at /schemas/ids/{id}.
    config.put(KafkaSerdeConfig.ENABLE_HEADERS, "false");
    config.put(SerdeConfig.ID_HANDLER, Default4ByteIdHandler.class.getName());
    config.put(SerdeConfig.USE_ID, IdOption.contentId.name());
    // Decode into the generated SpecificRecord classes, with their own schema as reader schema.
    // Apicurio's provider, with its reader and writer caches keyed so that a record costs no schema fingerprint.
    config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaCachingDatumProvider.class.getName());
    config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, "true");
    return new EventSerdes(base, config);
  }

  /** A copy with these Apicurio serde properties added or overridden (for instance auth or TLS settings). */
  public EventSerdes withConfig(Map<String, ?> overrides) {
    Map<String, Object> config = new LinkedHashMap<>(serdeConfig);
    overrides.forEach((key, value) -> config.put(key, Objects.requireNonNull(value, () -> "value of " + key)));
    return new EventSerdes(registryBaseUrl, config);
  }

  /** Keys are tenant or release ids, as UTF-8 strings. */
  public static Serde<String> keySerde() {
    return Serdes.String();
  }

  /** The registry subject (Confluent naming, Apicurio artifact id) of a topic's values. */
  public static String subjectOf(Topic<?> topic) {
    return topic.name() + "-value";
  }

  /** The registry's base URL, without any API path. */
  public String registryBaseUrl() {
    return registryBaseUrl;
  }

  /** The Apicurio serde properties, for clients that configure serdes themselves. */
  public Map<String, Object> serdeConfig() {
    return serdeConfig;
  }

  /** A configured Kafka Streams serde for the values of {@code topic}. */
  public <V extends SpecificRecord> Serde<V> valueSerde(Topic<V> topic) {
    return Serdes.serdeFrom(valueSerializer(topic), valueDeserializer(topic));
  }

  /** A configured serializer for the values of {@code topic}; a null value (tombstone) stays null. */
  public <V extends SpecificRecord> Serializer<V> valueSerializer(Topic<V> topic) {
    Objects.requireNonNull(topic, "topic");
    AvroKafkaSerializer<V> serializer = new AvroKafkaSerializer<>();
    serializer.configure(serdeConfig, false);
    return serializer;
  }

  /**
   * A configured deserializer for the values of {@code topic}. Bytes that are not in the wire format, or that
   * decode to another event type than the topic's, raise a {@link org.apache.kafka.common.errors.SerializationException}.
   */
  public <V extends SpecificRecord> Deserializer<V> valueDeserializer(Topic<V> topic) {
    AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
    deserializer.configure(serdeConfig, false);
    return new TypedDeserializer<>(topic, deserializer);
  }

  /** Serde properties plus {@code value.serializer}, for a plain or micronaut-kafka producer. */
  public Map<String, Object> producerValueConfig() {
    Map<String, Object> config = new LinkedHashMap<>(serdeConfig);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class.getName());
    return Map.copyOf(config);
  }

  /**
   * Serde properties plus {@code value.deserializer}, for a plain or micronaut-kafka consumer. Values come
   * back as the generated class of whatever schema they were written with.
   */
  public Map<String, Object> consumerValueConfig() {
    Map<String, Object> config = new LinkedHashMap<>(serdeConfig);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class.getName());
    return Map.copyOf(config);
  }

  static String baseUrlOf(String registryUrl) {
    Objects.requireNonNull(registryUrl, "registryUrl");
    String url = registryUrl.strip();
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalArgumentException(
          "Registry URL must be an http(s) base URL such as http://localhost:18085, was '" + registryUrl + "'");
    }
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    if (url.endsWith(CORE_API_PATH)) {
      url = url.substring(0, url.length() - CORE_API_PATH.length());
    }
    return url;
  }
}
