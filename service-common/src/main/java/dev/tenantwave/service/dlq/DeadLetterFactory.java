package dev.tenantwave.service.dlq;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

@Factory
@Requires(property = "kafka.bootstrap.servers")
class DeadLetterFactory {

  @Singleton
  @Bean(preDestroy = "close")
  @jakarta.inject.Named("dead-letters")
  Producer<byte[], byte[]> deadLetterProducer(@Value("${kafka.bootstrap.servers}") String bootstrap) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.CLIENT_ID_CONFIG, "tw-dead-letters"),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Singleton
  DeadLetterRouter deadLetterRouter(@jakarta.inject.Named("dead-letters") Producer<byte[], byte[]> producer) {
    return new DeadLetterRouter(producer);
  }
}
