package dev.tenantwave.gate.streams;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * UP while the gate's stream threads run, with the partitions this instance holds; DOWN while it holds no partition
 * yet (starting, or waiting for its group to rebalance), so readiness is honest; DOWN once they stopped or failed.
 */
@Singleton
@Requires(beans = GateStreams.class)
public class GateStreamsHealthIndicator implements HealthIndicator {

  private final GateStreams streams;

  public GateStreamsHealthIndicator(GateStreams streams) {
    this.streams = streams;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    KafkaStreams.State state = streams.state();
    int partitions = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
        ? streams.assignedPartitions() : 0;
    boolean up = state == KafkaStreams.State.RUNNING
        || state == KafkaStreams.State.REBALANCING && partitions > 0;
    return Mono.just(HealthResult.builder("gateStreams", up ? HealthStatus.UP : HealthStatus.DOWN)
        .details(Map.of("state", state.name(), "assignedPartitions", partitions,
            "replacedThreads", ReplaceThreadHandler.REPLACED.get()))
        .build());
  }
}
