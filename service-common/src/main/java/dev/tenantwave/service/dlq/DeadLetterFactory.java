package dev.tenantwave.service.dlq;

import dev.tenantwave.events.KafkaClientSecurity;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The one {@link DeadLetterRouter} of a service. Its producer is not a bean of its own: micronaut-kafka's
 * {@code @Any} producer factory would make every injected {@code Producer} ambiguous.
 */
@Factory
@Requires(property = "kafka.bootstrap.servers")
class DeadLetterFactory {

  @Singleton
  @Bean(preDestroy = "close")
  DeadLetterRouter deadLetterRouter(@Value("${kafka.bootstrap.servers}") String bootstrap,
      @Value("${micronaut.application.name:tenantwave}") String service) {
    return new DeadLetterRouter(new KafkaProducer<>(KafkaClientSecurity.with(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.CLIENT_ID_CONFIG, service + "-dead-letters")),
        new ByteArraySerializer(), new ByteArraySerializer()));
  }
}
