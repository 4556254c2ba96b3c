package dev.tenantwave.gate.topology;

import dev.tenantwave.events.Topics;
import dev.tenantwave.service.dlq.DeadLetterRouter;
import dev.tenantwave.events.serde.DecodingFailures;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes a value read as bytes for the processor that owns it (decoding in place of a processor of its own saves a
 * forward per record); a value that cannot be decoded, or that the validator rejects, goes byte for byte to
 * {@code deadLetters} with the {@code tw.dlq.*} headers of {@link DeadLetterRouter}, and is counted. A registry out
 * of reach is not the record's fault: it fails the task.
 */
final class DecodeOrDeadLetter<V> {

  /** What {@link #decode} returns for a record it sent to the dead letters. */
  static final Object DEAD_LETTERED = new Object();

  private final Deserializer<V> deserializer;
  private final BiFunction<String, V, String> validator;
  private final boolean tombstonesAllowed;
  private final String deadLetters;
  private ProcessorContext<String, ? super byte[]> context;
  private Sensor deadLettered;

  DecodeOrDeadLetter(Deserializer<V> deserializer, BiFunction<String, V, String> validator,
      boolean tombstonesAllowed, String deadLetters) {
    this.deserializer = deserializer;
    this.validator = validator;
    this.tombstonesAllowed = tombstonesAllowed;
    this.deadLetters = deadLetters;
  }

  void init(ProcessorContext<String, ? super byte[]> context, Sensor deadLettered) {
    this.context = context;
    this.deadLettered = deadLettered;
  }

  /** The decoded, valid value (null for an allowed tombstone), or {@link #DEAD_LETTERED}. */
  Object decode(Record<String, byte[]> record, String topic) {
    if (record.key() == null) {
      return deadLetter(record, "record has no key; the key must be the tenant id", null);
    }
    if (record.value() == null) {
      return tombstonesAllowed ? null : deadLetter(record, "tombstone (null value) on a topic that has none", null);
    }
    V value;
    try {
      value = deserializer.deserialize(topic, record.headers(), record.value());
    } catch (RuntimeException e) {
      if (!DecodingFailures.isPermanent(e)) {
        throw e;
      }
      return deadLetter(record, "undecodable value: " + DecodingFailures.describe(e), e);
    }
    if (value == null) {
      return deadLetter(record, "value decoded to null", null);
    }
    String invalid = validator.apply(record.key(), value);
    if (invalid != null) {
      return deadLetter(record, "invalid value: " + invalid, null);
    }
    return value;
  }

  private Object deadLetter(Record<String, byte[]> record, String reason, Throwable cause) {
    deadLetter(context, record, reason, cause, deadLetters, deadLettered);
    return DEAD_LETTERED;
  }

  /**
   * Forwards a record byte for byte to the dead-letter sink {@code deadLetters}, with the {@code tw.dlq.*} headers
   * (why, and the topic, partition and offset its publisher wrote it to, also for a metric the gate read from its
   * repartition topic), and counts it.
   */
  static void deadLetter(ProcessorContext<String, ? super byte[]> context, Record<String, byte[]> record,
      String reason, Throwable cause, String deadLetters, Sensor deadLettered) {
    RecordMetadata read = context.recordMetadata().orElseThrow();
    Headers original = record.headers();
    String topic = read.topic();
    int partition = read.partition();
    long offset = read.offset();
    Header originPartition = original.lastHeader(MetricsAdmission.ORIGIN_PARTITION);
    Header originOffset = original.lastHeader(MetricsAdmission.ORIGIN_OFFSET);
    if (GateTopology.isRepartitionTopic(topic) && originPartition != null && originOffset != null) {
      topic = Topics.TENANT_METRICS.name();
      partition = Integer.parseInt(new String(originPartition.value(), StandardCharsets.UTF_8));
      offset = Long.parseLong(new String(originOffset.value(), StandardCharsets.UTF_8));
      original = new RecordHeaders(original.toArray());
      original.remove(MetricsAdmission.ORIGIN_PARTITION);
      original.remove(MetricsAdmission.ORIGIN_OFFSET);
    }
    Headers headers = new RecordHeaders();
    DeadLetterRouter.addHeaders(headers, original, reason, cause, topic, partition, offset);
    context.forward(new Record<>(record.key(), record.value(), record.timestamp(), headers), deadLetters);
    deadLettered.record();
  }
}
