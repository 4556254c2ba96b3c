package dev.tenantwave.gate.topology;

import dev.tenantwave.service.dlq.DeadLetterRouter;
import dev.tenantwave.service.dlq.DecodingFailures;
import java.util.function.BiFunction;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes a value read as bytes and forwards it to {@code next}; a value that cannot be decoded, or that the
 * validator rejects, goes byte for byte to {@code deadLetters} with the {@code tw.dlq.*} headers of
 * {@link DeadLetterRouter}, and is counted. A registry out of reach is not the record's fault: it fails the task.
 */
final class DecodeOrDeadLetter<V> implements Processor<String, byte[], String, Object> {

  private final Deserializer<V> deserializer;
  private final BiFunction<String, V, String> validator;
  private final boolean tombstonesAllowed;
  private final String next;
  private final String deadLetters;
  private ProcessorContext<String, Object> context;
  private Sensor deadLettered;

  DecodeOrDeadLetter(Deserializer<V> deserializer, BiFunction<String, V, String> validator,
      boolean tombstonesAllowed, String next, String deadLetters) {
    this.deserializer = deserializer;
    this.validator = validator;
    this.tombstonesAllowed = tombstonesAllowed;
    this.next = next;
    this.deadLetters = deadLetters;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.deadLettered = GateSensors.sensor(context, GateSensors.DEAD_LETTERED_RECORDS);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null) {
      deadLetter(record, "record has no key; the key must be the tenant id", null);
      return;
    }
    if (record.value() == null) {
      if (tombstonesAllowed) {
        context.forward(record.withValue(null), next);
      } else {
        deadLetter(record, "tombstone (null value) on a topic that has none", null);
      }
      return;
    }
    V value;
    try {
      value = deserializer.deserialize(topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      if (!DecodingFailures.isPermanent(e)) {
        throw e;
      }
      deadLetter(record, "undecodable value: " + DecodingFailures.describe(e), e);
      return;
    }
    if (value == null) {
      deadLetter(record, "value decoded to null", null);
      return;
    }
    String invalid = validator.apply(record.key(), value);
    if (invalid != null) {
      deadLetter(record, "invalid value: " + invalid, null);
      return;
    }
    context.forward(record.withValue(value), next);
  }

  private void deadLetter(Record<String, byte[]> record, String reason, Throwable cause) {
    Headers headers = new RecordHeaders();
    RecordMetadata source = context.recordMetadata().orElseThrow();
    DeadLetterRouter.addHeaders(headers, record.headers(), reason, cause, source.topic(), source.partition(),
        source.offset());
    context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(), headers), deadLetters);
    deadLettered.record();
  }

  private String topic() {
    return context.recordMetadata().map(RecordMetadata::topic).orElse(null);
  }

}
