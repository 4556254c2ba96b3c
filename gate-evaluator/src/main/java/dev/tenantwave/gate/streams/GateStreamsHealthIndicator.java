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

/** UP while the gate's stream threads run or rebalance; DOWN, with the state, once they stopped or failed. */
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
    boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
        || state == KafkaStreams.State.CREATED;
    return Mono.just(HealthResult.builder("gateStreams", up ? HealthStatus.UP : HealthStatus.DOWN)
        .details(Map.of("state", state.name(), "replacedThreads", ReplaceThreadHandler.REPLACED.get()))
        .build());
  }
}
