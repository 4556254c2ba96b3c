package dev.tenantwave.gate.topology;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The first step of every metric record. One that {@link EventTimeGuard} found stamped too far ahead of the wall
 * clock, or one without a key, goes to the dead letters. One on its tenant's partition ({@link TenantPartitioner})
 * goes to the judge in this task; one that its publisher put on another partition (librdkafka, for one, partitions by
 * CRC32) goes through the repartition topic to the task that judges its tenant, with where it was read from in
 * {@code tw.gate.origin.*} headers for the dead letters.
 */
final class MetricsAdmission implements Processor<String, byte[], String, byte[]> {

  static final String ORIGIN_PARTITION = "tw.gate.origin.partition";
  static final String ORIGIN_OFFSET = "tw.gate.origin.offset";

  private final long maxSkewMillis;
  private final int tenantPartitions;
  private ProcessorContext<String, byte[]> context;
  private Sensor deadLettered;

  MetricsAdmission(GateConfig config) {
    this.maxSkewMillis = config.maxClockSkew().toMillis();
    this.tenantPartitions = config.tenantPartitions();
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.deadLettered = GateSensors.sensor(context, GateSensors.DEAD_LETTERED_RECORDS);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Long future = EventTimeGuard.futureTimestamp(record.headers());
    if (future != null) {
      deadLetterFuture(record, future);
    } else if (record.key() == null) {
      DecodeOrDeadLetter.deadLetter(context, record, "record has no key; the key must be the tenant id", null,
          GateTopology.METRICS_DEAD_LETTERS, deadLettered);
    } else {
      RecordMetadata read = context.recordMetadata().orElseThrow();
      if (TenantPartitioner.partitionOf(record.key(), tenantPartitions) == read.partition()) {
        context.forward(record, GateTopology.JUDGE);
      } else {
        context.forward(record.withHeaders(withOrigin(record.headers(), read)), GateTopology.REROUTE_METRICS);
      }
    }
  }

  private void deadLetterFuture(Record<String, byte[]> record, long future) {
    long wallClock = context.currentSystemTimeMs();
    DecodeOrDeadLetter.deadLetter(context, record.withTimestamp(wallClock), String.format(Locale.ROOT,
        "timestamp %s is %.1f s ahead of the wall clock %s; at most %.1f s is allowed "
            + "(tenantwave.gate.max-clock-skew), so the gate does not trust it as event time",
        Instant.ofEpochMilli(future), (future - wallClock) / 1000.0, Instant.ofEpochMilli(wallClock),
        maxSkewMillis / 1000.0), null, GateTopology.METRICS_DEAD_LETTERS, deadLettered);
  }

  /** The record's headers and where it was read from (replacing any a publisher sent under those names). */
  private static Headers withOrigin(Headers headers, RecordMetadata read) {
    Headers copy = new RecordHeaders(headers.toArray());
    copy.remove(ORIGIN_PARTITION);
    copy.remove(ORIGIN_OFFSET);
    copy.add(ORIGIN_PARTITION, Integer.toString(read.partition()).getBytes(StandardCharsets.UTF_8));
    copy.add(ORIGIN_OFFSET, Long.toString(read.offset()).getBytes(StandardCharsets.UTF_8));
    return copy;
  }
}
