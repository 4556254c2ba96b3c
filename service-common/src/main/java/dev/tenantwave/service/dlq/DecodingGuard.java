package dev.tenantwave.service.dlq;

import dev.tenantwave.events.serde.DecodingFailures;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes the value of a record read as bytes; a value that does not decode is dead-lettered and reported as
 * empty, so the consumer skips it and keeps going. A registry out of reach is not the record's fault: decoding then
 * throws {@link RegistryUnavailableException} and nothing is dead-lettered. Tombstones (null values) are the caller's
 * to handle first.
 */
public class DecodingGuard<V> {

  private final Deserializer<V> deserializer;
  private final DeadLetterRouter deadLetters;

  public DecodingGuard(Deserializer<V> deserializer, DeadLetterRouter deadLetters) {
    this.deserializer = deserializer;
    this.deadLetters = deadLetters;
  }

  public Optional<V> decode(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      throw new IllegalArgumentException("Tombstone at " + record.topic() + "-" + record.partition() + "@"
          + record.offset() + " must be handled before decoding");
    }
    try {
      V value = deserializer.deserialize(record.topic(), record.headers(), record.value());
      if (value == null) {
        deadLetters.route(record, keyBytes(record), "value decoded to null", null);
        return Optional.empty();
      }
      return Optional.of(value);
    } catch (RuntimeException e) {
      if (!DecodingFailures.isPermanent(e)) {
        throw new RegistryUnavailableException(record.topic(), record.partition(), record.offset(), e);
      }
      deadLetters.route(record, keyBytes(record), "undecodable value: " + DecodingFailures.describe(e), e);
      return Optional.empty();
    }
  }

  /** Routes a decoded but invalid value (a business rule says no) to the DLQ. */
  public void reject(ConsumerRecord<String, byte[]> record, String reason) {
    deadLetters.route(record, keyBytes(record), reason, null);
  }

  private static byte[] keyBytes(ConsumerRecord<String, byte[]> record) {
    return record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
  }
}
