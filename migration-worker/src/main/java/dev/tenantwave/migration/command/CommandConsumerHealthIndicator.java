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
 * The command consumer's share of {@code /health}: UP with the partitions it holds, or with none when its group gave
 * it none (more members than partitions); DOWN while it holds no partition yet (starting, or its group rebalancing)
 * and once its thread stopped. The orchestrator's and the gate's inputs report the same way.
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
    return Mono.just(result(consumer.isRunning(), consumer.assignedPartitions(), consumer.hasGroupAnswered()));
  }

  static HealthResult result(boolean running, int partitions, boolean groupAnswered) {
    HealthStatus status;
    String assignment;
    if (!running) {
      status = HealthStatus.DOWN;
      assignment = "its consumer stopped";
    } else if (partitions > 0) {
      status = HealthStatus.UP;
      assignment = "holds " + partitions + " partition(s)";
    } else if (groupAnswered) {
      status = HealthStatus.UP;
      assignment = "holds no partition: its group has more members than partitions";
    } else {
      status = HealthStatus.DOWN;
      assignment = "holds no partition yet";
    }
    return HealthResult.builder("migrationCommands", status)
        .details(Map.of("assignedPartitions", partitions, "assignment", assignment)).build();
  }
}
