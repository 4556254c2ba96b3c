package dev.tenantwave.migration.command;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The command consumer's share of {@code /health}: UP with the partitions it holds, or with none once its group has
 * more members than partitions; DOWN if its thread stopped. A detail says when it holds no partition yet.
 */
@Singleton
@Requires(beans = CommandConsumer.class)
public class CommandConsumerHealthIndicator implements HealthIndicator {

  private final CommandConsumer consumer;

  public CommandConsumerHealthIndicator(CommandConsumer consumer) {
    this.consumer = consumer;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    int partitions = consumer.assignedPartitions();
    return Mono.just(HealthResult.builder("migrationCommands", consumer.isRunning() ? HealthStatus.UP : HealthStatus.DOWN)
        .details(Map.of("assignedPartitions", partitions,
            "assignment", partitions > 0 ? "holds " + partitions + " partition(s)" : "holds no partition yet"))
        .build());
  }
}
