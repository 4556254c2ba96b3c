package dev.tenantwave.gate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Where a record stamped too far ahead must be stopped: Kafka Streams moves a task's stream time when it takes a
 * record off a partition's queue, so even the first processor, which could drop it, sees stream time already moved;
 * a timestamp extractor runs before that. A one-processor topology shows both, with the stream time its processor
 * sees for each record.
 */
class EventTimeGuardTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long HOUR = 3_600_000L;
  private static final long SKEW = 30_000L;

  @Test
  void shouldHaveMovedStreamTimeBeforeTheFirstProcessorSeesAFutureRecord() {
    // Given the record timestamp as event time (Kafka Streams' default extractor)
    List<Seen> seen = run(null);

    // Then the first processor, which could drop the record an hour ahead, sees stream time already there, and so do
    // the records after it
    assertThat(seen).extracting(Seen::streamTime).containsExactly(T0, T0 + HOUR, T0 + HOUR);
  }

  @Test
  void shouldKeepStreamTimeWhereItWasWhenTheGuardFindsARecordTooFarAhead() {
    // Given the guard as the source's timestamp extractor
    List<Seen> seen = run(new EventTimeGuard(SKEW, () -> T0));

    // Then the record an hour ahead comes with the partition's time and its own timestamp in the header, and stream
    // time never moves past the on-time records
    assertThat(seen).extracting(Seen::streamTime).containsExactly(T0, T0, T0 + 1000);
    assertThat(seen.get(1).timestamp()).isEqualTo(T0);
    assertThat(seen.get(1).futureTimestamp()).isEqualTo(T0 + HOUR);
    assertThat(seen.get(2).futureTimestamp()).isNull();
  }

  @Test
  void shouldIgnoreTheMarkerHeaderWhenAPublisherSendsIt() {
    // Given the guard, and a record on time whose publisher set the guard's header itself
    TimestampExtractor guard = new EventTimeGuard(SKEW, () -> T0);
    RecordHeaders headers = new RecordHeaders();
    headers.add(EventTimeGuard.FUTURE_TIMESTAMP, Long.toString(T0 + HOUR).getBytes(StandardCharsets.UTF_8));
    var record = new org.apache.kafka.clients.consumer.ConsumerRecord<Object, Object>("t", 0, 0, T0,
        org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, "k", new byte[0], headers,
        java.util.Optional.empty());

    // When the guard reads it
    long timestamp = guard.extract(record, T0 - 1000);

    // Then the record keeps its timestamp and loses the header
    assertThat(timestamp).isEqualTo(T0);
    assertThat(EventTimeGuard.futureTimestamp(record.headers())).isNull();
  }

  /** Pipes a record at T0, one an hour ahead, one at T0 + 1 s; returns what the processor saw of each. */
  private static List<Seen> run(TimestampExtractor extractor) {
    List<Seen> seen = new ArrayList<>();
    Topology topology = new Topology();
    topology.addSource((AutoOffsetReset) null, "source", extractor, Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(), "metrics");
    topology.addProcessor("probe", () -> new Processor<String, byte[], Void, Void>() {
      private ProcessorContext<Void, Void> context;

      @Override
      public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
      }

      @Override
      public void process(Record<String, byte[]> record) {
        seen.add(new Seen(record.timestamp(), context.currentStreamTimeMs(),
            EventTimeGuard.futureTimestamp(record.headers())));
      }
    }, "source");
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, GateDriver.properties("guard-test"),
        Instant.ofEpochMilli(T0))) {
      TestInputTopic<String, byte[]> input = driver.createInputTopic("metrics", Serdes.String().serializer(),
          Serdes.ByteArray().serializer());
      for (long timestamp : new long[] {T0, T0 + HOUR, T0 + 1000}) {
        input.pipeInput(new TestRecord<>("tenant", new byte[0], new RecordHeaders(), Instant.ofEpochMilli(timestamp)));
      }
    }
    return seen;
  }

  /** A record as the processor saw it: its timestamp, the task's stream time, the guard's header. */
  private record Seen(long timestamp, long streamTime, Long futureTimestamp) {}
}
