package dev.tenantwave.migration.command;

import dev.tenantwave.service.health.InputPartitions;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** The command consumer's share of {@code /health}, as {@link InputPartitions} words it. */
@Singleton
@Requires(beans = CommandConsumer.class)
public class CommandConsumerHealthIndicator implements HealthIndicator {

  private final CommandConsumer consumer;

  public CommandConsumerHealthIndicator(CommandConsumer consumer) {
    this.consumer = consumer;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Mono.just(InputPartitions.health("migrationCommands", consumer.isRunning(), consumer.assignedPartitions(),
        consumer.hasGroupAnswered()));
  }
}
