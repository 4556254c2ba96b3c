package dev.tenantwave.gate.streams;

import dev.tenantwave.events.serde.EventSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the gate's Kafka Streams application from start-up to shutdown, its metrics on {@code /metrics}. */
@Context
@Requires(property = "kafka.bootstrap.servers")
@Requires(property = "tenantwave.registry.url")
public class GateStreams {

  private static final Logger LOG = LoggerFactory.getLogger(GateStreams.class);

  private final KafkaStreams streams;
  private final KafkaStreamsMetrics metrics;
  private final MeterRegistry meterRegistry;

  public GateStreams(GateSettings settings, @Value("${kafka.bootstrap.servers}") String bootstrapServers,
      @Value("${tenantwave.registry.url}") String registryUrl, MeterRegistry meterRegistry) {
    this.streams = GateStreamsFactory.create(
        GateStreamsFactory.topology(settings, EventSerdes.forRegistry(registryUrl)),
        GateStreamsFactory.properties(settings, bootstrapServers));
    this.meterRegistry = meterRegistry;
    this.metrics = new KafkaStreamsMetrics(streams);
  }

  @PostConstruct
  void start() {
    metrics.bindTo(meterRegistry);
    streams.start();
    LOG.info("Gate streams started");
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Leaves the group on the way out (Streams does not by default), so a restart need not wait for the session. */
  @PreDestroy
  void stop() {
    streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
    metrics.close();
  }
}
