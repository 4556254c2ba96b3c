package dev.tenantwave.messaging;

import dev.tenantwave.events.Topic;
import dev.tenantwave.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The outbox's {@code payload}: the value in Avro's single-object encoding (a 10-byte header with the schema's
 * fingerprint, then Avro binary), decoded into the topic's own class. The fingerprint makes a row written with
 * another version of the schema fail loudly at publish time instead of decoding into wrong fields.
 */
final class OutboxPayload {

  private static final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> ENCODERS = new ConcurrentHashMap<>();
  private static final Map<Class<?>, BinaryMessageDecoder<SpecificRecord>> DECODERS = new ConcurrentHashMap<>();

  private OutboxPayload() {}

  /** The topic of a message, refusing names outside the contract and values of another type. */
  static Topic<?> topicOf(OutboxMessage message) {
    Topic<?> topic = Topics.byName(message.topic());
    if (!topic.name().equals(message.topic())) {
      throw new IllegalArgumentException("The outbox publishes contract topics only, not '" + message.topic() + "'");
    }
    if (message.value() != null && !topic.valueType().isInstance(message.value())) {
      throw new IllegalArgumentException("Topic " + topic.name() + " carries " + topic.valueType().getSimpleName()
          + ", not " + message.value().getClass().getSimpleName());
    }
    return topic;
  }

  static byte[] encode(SpecificRecord value) {
    if (value == null) {
      return null;
    }
    BinaryMessageEncoder<SpecificRecord> encoder = ENCODERS.computeIfAbsent(value.getClass(),
        type -> new BinaryMessageEncoder<>(SpecificData.getForClass(type), value.getSchema()));
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SpecificRecord decode(Topic<?> topic, byte[] payload) {
    if (payload == null) {
      return null;
    }
    BinaryMessageDecoder<SpecificRecord> decoder = DECODERS.computeIfAbsent(topic.valueType(), type -> {
      Schema schema = SpecificData.get().getSchema(type);
      return new BinaryMessageDecoder<>(SpecificData.getForClass(type), schema);
    });
    try {
      return decoder.decode(payload);
    } catch (IOException e) {
      throw new UncheckedIOException("Outbox payload of " + topic.name() + " does not decode as "
          + topic.valueType().getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
