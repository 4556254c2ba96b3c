package dev.tenantwave.e2e.probe;

import dev.tenantwave.events.KafkaAccess;
import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.SampleEvents;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Bad records on {@code tenant.metrics.v1}, published as an application ({@code tw-app}) may: every one must reach
 * {@code tenant.metrics.v1.dlq} (read as the operator) exactly once, with the partition and offset it was written
 * at, and the gate must stay healthy. Each record carries a header naming this run and its number; dead letters keep
 * the original headers.
 */
final class BadRecordsProbe implements Probe {

  /** The dead-letter headers of service-common's DeadLetterRouter, the wire contract of every {@code .dlq}. */
  private static final String REASON = "tw.dlq.reason";
  private static final String SOURCE_PARTITION = "tw.dlq.source.partition";
  private static final String SOURCE_OFFSET = "tw.dlq.source.offset";
  private static final String PROBE_HEADER = "tw.probe.record";

  private enum Kind { GARBAGE, UNKNOWN_SCHEMA_ID, TRUNCATED_AVRO, OTHER_EVENT_TYPE, TOMBSTONE, NO_KEY, HOUR_AHEAD }

  private final int count = Integer.getInteger("tw.probe.bad-records", 70);

  @Override
  public Finding run(Stack stack) throws Exception {
    String topic = Topics.TENANT_METRICS.name();
    String dlq = Topics.TENANT_METRICS.deadLetterTopic();
    String run = UUID.randomUUID().toString().substring(0, 8);
    EventSerdes serdes = EventSerdes.forRegistry(stack.url(Stack.REGISTRY));
    byte[] metrics;
    byte[] catalogEntry;
    try (Serializer<TenantRequestMetrics> m = serdes.valueSerializer(Topics.TENANT_METRICS);
         Serializer<TenantCatalogEntry> c = serdes.valueSerializer(Topics.TENANT_CATALOG)) {
      metrics = m.serialize(topic, TenantRequestMetrics.newBuilder(SampleEvents.metrics())
          .setTenantId("probe-bad-" + run).build());
      catalogEntry = c.serialize(Topics.TENANT_CATALOG.name(), SampleEvents.catalogEntry());
    }
    Map<String, Object> operator = stack.kafka(KafkaAccess.OPERATOR);
    Map<TopicPartition, Long> dlqBefore = KafkaProbing.endOffsets(operator, dlq);

    Map<Integer, RecordMetadata> written = new HashMap<>();
    Map<Kind, Integer> published = new TreeMap<>();
    try (KafkaProducer<String, byte[]> producer = KafkaProbing.producer(stack.kafka(KafkaAccess.APP))) {
      for (int i = 0; i < count; i++) {
        Kind kind = Kind.values()[i % Kind.values().length];
        ProducerRecord<String, byte[]> record = record(kind, topic, "probe-bad-" + run + "-" + i, metrics, catalogEntry);
        record.headers().add(PROBE_HEADER, (run + ":" + i).getBytes(StandardCharsets.UTF_8));
        Object outcome = KafkaProbing.send(producer, record);
        if (!(outcome instanceof RecordMetadata)) {
          return new Finding("6 bad records", false, "publishing as tw-app failed: " + KafkaProbing.describe(outcome));
        }
        written.put(i, (RecordMetadata) outcome);
        published.merge(kind, 1, Integer::sum);
      }
    }
    long sent = System.nanoTime();

    Map<Integer, Integer> deadLettered = new HashMap<>();
    Map<String, Integer> reasons = new TreeMap<>();
    int matchingSource = 0;
    long lastArrival = sent;
    try (KafkaConsumer<String, byte[]> consumer = KafkaProbing.consumer(operator)) {
      consumer.assign(dlqBefore.keySet());
      dlqBefore.forEach(consumer::seek);
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (deadLettered.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> letter : consumer.poll(Duration.ofMillis(500))) {
          String probe = header(letter, PROBE_HEADER);
          if (probe == null || !probe.startsWith(run + ":")) {
            continue;
          }
          int i = Integer.parseInt(probe.substring(run.length() + 1));
          deadLettered.merge(i, 1, Integer::sum);
          lastArrival = System.nanoTime();
          reasons.merge(reasonOf(header(letter, REASON)), 1, Integer::sum);
          RecordMetadata source = written.get(i);
          if (Integer.toString(source.partition()).equals(header(letter, SOURCE_PARTITION))
              && Long.toString(source.offset()).equals(header(letter, SOURCE_OFFSET))) {
            matchingSource++;
          }
        }
      }
      // a little longer: a duplicate would come now
      consumer.poll(Duration.ofSeconds(2)).forEach(letter -> {
        String probe = header(letter, PROBE_HEADER);
        if (probe != null && probe.startsWith(run + ":")) {
          deadLettered.merge(Integer.parseInt(probe.substring(run.length() + 1)), 1, Integer::sum);
        }
      });
    }
    long missing = written.keySet().stream().filter(i -> !deadLettered.containsKey(i)).count();
    long duplicated = deadLettered.values().stream().filter(n -> n > 1).count();
    Http.Answer gate = Http.send("GET", stack.url(Stack.GATE) + "/health", null, null, (byte[]) null);
    boolean ok = missing == 0 && duplicated == 0 && matchingSource == count && gate.status() == 200;
    return new Finding("6 bad records", ok, String.format(Locale.ROOT,
        "%d in as tw-app %s; %d dead-lettered in %s within %.1f s, %d missing, %d duplicated, %d/%d with their "
            + "source partition and offset; reasons %s; gate /health %s",
        count, published, deadLettered.size(), dlq, (lastArrival - sent) / 1e9, missing, duplicated,
        matchingSource, count, reasons, gate.key()));
  }

  private static ProducerRecord<String, byte[]> record(Kind kind, String topic, String key, byte[] metrics,
      byte[] catalogEntry) {
    long now = System.currentTimeMillis();
    switch (kind) {
      case GARBAGE:
        return new ProducerRecord<>(topic, null, now, key, "{\"requests\": 12, \"not\": \"avro\"}"
            .getBytes(StandardCharsets.UTF_8));
      case UNKNOWN_SCHEMA_ID:
        byte[] unknown = metrics.clone();
        ByteBuffer.wrap(unknown).put((byte) 0).putInt(Integer.MAX_VALUE - 7);
        return new ProducerRecord<>(topic, null, now, key, unknown);
      case TRUNCATED_AVRO:
        return new ProducerRecord<>(topic, null, now, key, Arrays.copyOf(metrics, metrics.length / 2));
      case OTHER_EVENT_TYPE:
        return new ProducerRecord<>(topic, null, now, key, catalogEntry);
      case TOMBSTONE:
        return new ProducerRecord<>(topic, null, now, key, (byte[]) null);
      case NO_KEY:
        return new ProducerRecord<>(topic, null, now, (String) null, metrics);
      case HOUR_AHEAD:
        return new ProducerRecord<>(topic, null, now + Duration.ofHours(1).toMillis(), key, metrics);
      default:
        throw new IllegalArgumentException(kind.name());
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The reason without its particulars (ids, offsets, times), to count reasons alike. */
  private static String reasonOf(String reason) {
    if (reason == null) {
      return "(none)";
    }
    String general = reason.replaceAll("\\S*[0-9]\\S*", "#").split("[:;(]", 2)[0].trim();
    return general.length() > 40 ? general.substring(0, 40) : general;
  }
}
