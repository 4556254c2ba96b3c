package dev.tenantwave.rollout.kafka;

import dev.tenantwave.service.health.InputPartitions;
import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The orchestrator's inputs in {@code /health}, as {@link InputPartitions} words them; its consumer has stopped once
 * micronaut-kafka's registry no longer has it.
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
    return Mono.just(InputPartitions.health("releaseInputs",
        consumers.getConsumerIds().contains(ReleaseInputListener.CLIENT_ID), listener.assignedPartitions(),
        listener.hasGroupAnswered()));
  }
}
