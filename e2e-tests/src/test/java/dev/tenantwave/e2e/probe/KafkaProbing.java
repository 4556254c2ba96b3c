package dev.tenantwave.e2e.probe;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients with short timeouts, so that a refusal shows within seconds instead of a minute. */
final class KafkaProbing {

  private KafkaProbing() {}

  static KafkaProducer<String, byte[]> producer(Map<String, Object> login) {
    Map<String, Object> config = new HashMap<>(login);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /** A consumer without a group (it assigns partitions itself), reading only committed records. */
  static KafkaConsumer<String, byte[]> consumer(Map<String, Object> login) {
    Map<String, Object> config = new HashMap<>(login);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  static Map<TopicPartition, Long> endOffsets(Map<String, Object> login, String topic) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(login)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      return consumer.endOffsets(partitions, Duration.ofSeconds(15));
    }
  }

  static long total(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Where the record went, or the exception that refused it (thrown by {@code send} or by its future). */
  static Object send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
    try {
      return producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      return e;
    }
  }

  static String describe(Object outcome) {
    if (outcome instanceof RecordMetadata) {
      RecordMetadata written = (RecordMetadata) outcome;
      return "ACCEPTED at " + written.topic() + "-" + written.partition() + "@" + written.offset();
    }
    Throwable refusal = (Throwable) outcome;
    String message = String.valueOf(refusal.getMessage());
    return refusal.getClass().getSimpleName() + " (" + (message.length() > 90 ? message.substring(0, 90) + "…" : message)
        + ")";
  }
}
