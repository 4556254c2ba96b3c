package dev.tenantwave.events;

import java.time.Duration;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic of the contract: its name, the Avro class of its values, how it is cleaned up, how many
 * partitions it gets and, for a short-lived one, how long it keeps records (null: the broker's default). Keys are
 * always strings (a tenant id or a release id).
 */
public record Topic<V extends SpecificRecord>(
    String name, Class<V> valueType, String keyDescription, CleanupPolicy cleanupPolicy, int partitions,
    Duration retention) {

  public static final String DLQ_SUFFIX = ".dlq";

  public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact");

    private final String kafkaValue;

    CleanupPolicy(String kafkaValue) {
      this.kafkaValue = kafkaValue;
    }

    /** The value of the topic config {@code cleanup.policy}. */
    public String kafkaValue() {
      return kafkaValue;
    }
  }

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    if (retention != null && retention.toMillis() < 1) {
      throw new IllegalArgumentException("retention must be positive, was " + retention);
    }
  }

  /** A topic that keeps records as long as the broker's default retention says. */
  public Topic(String name, Class<V> valueType, String keyDescription, CleanupPolicy cleanupPolicy, int partitions) {
    this(name, valueType, keyDescription, cleanupPolicy, partitions, null);
  }

  /** The same topic, keeping records for {@code keep} ({@code retention.ms}). */
  public Topic<V> withRetention(Duration keep) {
    return new Topic<>(name, valueType, keyDescription, cleanupPolicy, partitions, keep);
  }

  /** Where undecodable or invalid records of this topic go, with the reason in headers. */
  public String deadLetterTopic() {
    return name + DLQ_SUFFIX;
  }
}
