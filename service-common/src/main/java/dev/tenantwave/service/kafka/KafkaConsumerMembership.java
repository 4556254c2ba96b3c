package dev.tenantwave.service.kafka;

import io.micronaut.configuration.kafka.config.AbstractKafkaConsumerConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/** Gives every micronaut-kafka consumer ({@code @KafkaListener}) this instance's group membership settings. */
@Singleton
public class KafkaConsumerMembership implements BeanCreatedEventListener<AbstractKafkaConsumerConfiguration<?, ?>> {

  private final GroupMembership membership;

  public KafkaConsumerMembership(GroupMembership membership) {
    this.membership = membership;
  }

  @Override
  public AbstractKafkaConsumerConfiguration<?, ?> onCreated(BeanCreatedEvent<AbstractKafkaConsumerConfiguration<?, ?>> event) {
    AbstractKafkaConsumerConfiguration<?, ?> configuration = event.getBean();
    membership.consumerSettings().forEach((key, value) -> configuration.getConfig().putIfAbsent(key, value));
    return configuration;
  }
}
