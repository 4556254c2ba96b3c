package dev.tenantwave.messaging;

import dev.tenantwave.events.Topic;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/** One event to publish: written in the caller's transaction. A null {@code value} is a tombstone. */
public record OutboxMessage(String topic, String key, SpecificRecord value) {

  public OutboxMessage {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
  }

  /** The typed way: the topic's value type is checked by the compiler, not at append time. */
  public static <V extends SpecificRecord> OutboxMessage of(Topic<V> topic, String key, V value) {
    return new OutboxMessage(topic.name(), key, value);
  }

  /** A tombstone: on a compacted topic it deletes the key. */
  public static OutboxMessage tombstone(Topic<?> topic, String key) {
    return new OutboxMessage(topic.name(), key, null);
  }
}
