package dev.tenantwave.gate.topology;

import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of the metrics topic: the record timestamp, unless it is further ahead of the wall clock than the
 * allowed skew. Kafka Streams moves a task's stream time when it takes a record off a partition's queue, before any
 * processor sees it, so a processor cannot keep such a record from moving it: this extractor gives it the
 * partition's time instead (it moves nothing) and marks it with its own timestamp in a header, which
 * {@link MetricsAdmission} dead-letters. Only this extractor sets that header: one a publisher sent is removed.
 */
final class EventTimeGuard implements TimestampExtractor {

  /** The timestamp, in epoch milliseconds, of a record stamped beyond the allowed skew. */
  static final String FUTURE_TIMESTAMP = "tw.gate.future-timestamp";

  private final long maxSkewMillis;
  private final LongSupplier wallClock;

  EventTimeGuard(long maxSkewMillis, LongSupplier wallClock) {
    this.maxSkewMillis = maxSkewMillis;
    this.wallClock = wallClock;
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    Headers headers = record.headers();
    if (headers.lastHeader(FUTURE_TIMESTAMP) != null) {
      headers.remove(FUTURE_TIMESTAMP);
    }
    long timestamp = record.timestamp();
    if (timestamp <= wallClock.getAsLong() + maxSkewMillis) {
      return timestamp;
    }
    headers.add(FUTURE_TIMESTAMP, Long.toString(timestamp).getBytes(StandardCharsets.UTF_8));
    return Math.max(partitionTime, 0);
  }

  /** The timestamp a record came with when this guard found it too far ahead, else null. */
  static Long futureTimestamp(Headers headers) {
    var header = headers.lastHeader(FUTURE_TIMESTAMP);
    return header == null ? null : Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
  }
}
