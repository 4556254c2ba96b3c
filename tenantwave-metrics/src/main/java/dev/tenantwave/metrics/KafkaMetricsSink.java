package dev.tenantwave.metrics;

import dev.tenantwave.events.KafkaClientSecurity;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code tenant.metrics.v1} through a Kafka producer: key tenantId, the record timestamp the interval's start, the
 * value in the Confluent wire format ({@link EventSerdes}). A producer that cannot reach Kafka gives up after
 * {@value #MAX_BLOCK_MS} ms instead of Kafka's 60 s, so the publisher moves on and the bounded queue drops intervals.
 */
final class KafkaMetricsSink implements MetricsSink {

  static final int MAX_BLOCK_MS = 500;

  private final KafkaProducer<String, TenantRequestMetrics> producer;

  KafkaMetricsSink(RecorderSettings settings) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.putAll(KafkaClientSecurity.fromEnvironment()); // an application service: principal tw-app
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "tenantwave-metrics-" + settings.service() + "-" + settings.instance());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
    // one interval's records (one per tenant) leave together; a record not written within 10 s is a failure,
    // well before the gate would drop it as late anyway
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    config.putAll(settings.producerConfig());
    EventSerdes serdes = EventSerdes.forRegistry(settings.registryUrl()).withConfig(settings.registryConfig());
    this.producer = new KafkaProducer<>(config, new StringSerializer(),
        serdes.valueSerializer(Topics.TENANT_METRICS));
  }

  /**
   * Kafka reports a record it could not take within {@code max.block.ms} (no metadata, a full buffer) through the
   * callback, at once, and returns a failed future: that is the {@code false}.
   */
  @Override
  public boolean send(TenantRequestMetrics record, long timestamp, Consumer<Exception> done) {
    Future<RecordMetadata> sent = producer.send(
        new ProducerRecord<>(Topics.TENANT_METRICS.name(), null, timestamp, record.getTenantId(), record),
        (metadata, exception) -> done.accept(exception));
    if (sent.isDone()) {
      try {
        sent.get();
      } catch (ExecutionException e) {
        return !(e.getCause() instanceof TimeoutException);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  @Override
  public void close(Duration timeout) {
    producer.close(timeout);
  }
}
