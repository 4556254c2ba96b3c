package dev.tenantwave.service.health;

import dev.tenantwave.events.KafkaClientSecurity;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** DOWN, naming the bootstrap address, when no Kafka broker answers within the timeout. */
@Singleton
@Requires(property = "kafka.bootstrap.servers")
public class KafkaHealthIndicator implements HealthIndicator {

  static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final String bootstrap;
  private final Admin admin;

  public KafkaHealthIndicator(@Value("${kafka.bootstrap.servers}") String bootstrap) {
    this.bootstrap = bootstrap;
    this.admin = Admin.create(KafkaClientSecurity.with(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
        AdminClientConfig.CLIENT_ID_CONFIG, "tw-health")));
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Mono.fromCallable(() -> DependencyCheck.check("kafka", "Kafka", bootstrap, () -> {
      var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
      int brokers = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
      return Map.of("brokers", brokers, "clusterId", cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    })).subscribeOn(Schedulers.boundedElastic());
  }

  @PreDestroy
  void close() {
    admin.close(Duration.ofSeconds(1));
  }
}
