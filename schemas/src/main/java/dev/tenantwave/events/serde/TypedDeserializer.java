package dev.tenantwave.events.serde;

import dev.tenantwave.events.Topic;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Narrows Apicurio's untyped deserializer to the value type of one topic, refusing any other event type, and
 * reports every decoding failure as a {@link SerializationException}.
 */
final class TypedDeserializer<V extends SpecificRecord> implements Deserializer<V> {

  private final Topic<V> topic;
  private final Deserializer<Object> delegate;

  TypedDeserializer(Topic<V> topic, Deserializer<Object> delegate) {
    this.topic = topic;
    this.delegate = delegate;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    delegate.configure(configs, isKey);
  }

  @Override
  public V deserialize(String topicName, byte[] data) {
    return deserialize(topicName, null, data);
  }

  @Override
  public V deserialize(String topicName, Headers headers, byte[] data) {
    Object value;
    try {
      value = headers == null ? delegate.deserialize(topicName, data) : delegate.deserialize(topicName, headers, data);
    } catch (SerializationException e) {
      throw e;
    } catch (RuntimeException e) {
      // Apicurio reports a wrong magic byte or an unknown id as IllegalStateException; Kafka's contract and
      // the dead-letter routing expect a SerializationException.
      throw new SerializationException("Cannot decode value on " + topicName + ": " + e.getMessage(), e);
    }
    return narrow(topicName, value);
  }

  private V narrow(String topicName, Object value) {
    if (value == null || topic.valueType().isInstance(value)) {
      return topic.valueType().cast(value);
    }
    throw new SerializationException("Value on " + topicName + " decoded as " + value.getClass().getName()
        + ", expected " + topic.valueType().getName());
  }

  @Override
  public void close() {
    delegate.close();
  }
}
