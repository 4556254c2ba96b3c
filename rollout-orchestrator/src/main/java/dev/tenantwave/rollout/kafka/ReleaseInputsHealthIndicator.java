package dev.tenantwave.rollout.kafka;

import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The orchestrator's inputs in {@code /health}: UP with the partitions this instance holds, or with none when its
 * group gave it none (more members than partitions); DOWN while it holds no partition yet (starting, or its group
 * rebalancing) and once its consumer stopped.
 */
@Singleton
@Requires(beans = ReleaseInputListener.class)
public class ReleaseInputsHealthIndicator implements HealthIndicator {

  private final ReleaseInputListener listener;
  private final ConsumerRegistry consumers;

  public ReleaseInputsHealthIndicator(ReleaseInputListener listener, ConsumerRegistry consumers) {
    this.listener = listener;
    this.consumers = consumers;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    int partitions = listener.assignedPartitions();
    HealthStatus status;
    String assignment;
    if (!consumers.getConsumerIds().contains(ReleaseInputListener.CLIENT_ID)) {
      status = HealthStatus.DOWN;
      assignment = "its consumer stopped";
    } else if (partitions > 0) {
      status = HealthStatus.UP;
      assignment = "holds " + partitions + " partition(s)";
    } else if (listener.hasGroupAnswered()) {
      status = HealthStatus.UP;
      assignment = "holds no partition: its group has more members than partitions";
    } else {
      status = HealthStatus.DOWN;
      assignment = "holds no partition yet";
    }
    return Mono.just(HealthResult.builder("releaseInputs", status)
        .details(Map.of("assignedPartitions", partitions, "assignment", assignment))
        .build());
  }
}
