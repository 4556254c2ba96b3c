package dev.tenantwave.service.dlq;

import dev.tenantwave.events.Topic;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;

/**
 * Sends a record that cannot be decoded or is invalid to {@code <topic>.dlq}, byte for byte, with why and where
 * from in headers, so the consumer can move on and nothing is lost. Every service uses this one helper.
 */
public class DeadLetterRouter implements AutoCloseable {

  public static final String REASON = "tw.dlq.reason";
  public static final String EXCEPTION = "tw.dlq.exception";
  public static final String SOURCE_TOPIC = "tw.dlq.source.topic";
  public static final String SOURCE_PARTITION = "tw.dlq.source.partition";
  public static final String SOURCE_OFFSET = "tw.dlq.source.offset";

  private final Producer<byte[], byte[]> producer;
  private final AtomicLong routed = new AtomicLong();

  public DeadLetterRouter(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  /**
   * Publishes the record to its topic's DLQ and waits for the broker's acknowledgement, so that the caller
   * commits the source offset only once the record is safe.
   */
  public void route(ConsumerRecord<?, byte[]> source, byte[] rawKey, String reason, Throwable cause) {
    String dlqTopic = source.topic() + Topic.DLQ_SUFFIX;
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(dlqTopic, null, rawKey, source.value());
    addHeaders(record.headers(), source.headers(), reason, cause, source.topic(), source.partition(),
        source.offset());
    try {
      producer.send(record).get();
      routed.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("Interrupted while dead-lettering " + describe(source), e);
    } catch (ExecutionException e) {
      throw new KafkaException("Could not dead-letter " + describe(source) + " to " + dlqTopic, e.getCause());
    }
  }

  /**
   * Adds the original headers, then why and where from: the one header layout of every dead letter, also used by
   * Kafka Streams topologies that forward dead letters themselves.
   */
  public static void addHeaders(Headers target, Headers original, String reason, Throwable cause, String topic,
      int partition, long offset) {
    original.forEach(h -> target.add(h.key(), h.value()));
    target.add(REASON, utf8(reason));
    if (cause != null) {
      target.add(EXCEPTION, utf8(cause.getClass().getName() + ": " + cause.getMessage()));
    }
    target.add(SOURCE_TOPIC, utf8(topic));
    target.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
    target.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
  }

  /** Records dead-lettered by this instance since start. */
  public long routedCount() {
    return routed.get();
  }

  /** Closes the producer, waiting for dead letters in flight. */
  @Override
  public void close() {
    producer.close();
  }

  private static String describe(ConsumerRecord<?, ?> r) {
    return r.topic() + "-" + r.partition() + "@" + r.offset();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
