package dev.tenantwave.rollout.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ReleaseInputsHealthIndicatorTest {

  private static final TopicPartition VERDICTS_0 = new TopicPartition("gate.verdicts.v1", 0);
  private static final TopicPartition PROGRESS_0 = new TopicPartition("migration.progress.v1", 0);

  private final ReleaseInputListener listener = new ReleaseInputListener(null);

  @Test
  void shouldBeDownWhileItHoldsNoPartitionYet() {
    assertHealth(running(), HealthStatus.DOWN, 0, "holds no partition yet");
  }

  @Test
  void shouldBeUpWithThePartitionsItHolds() {
    listener.onPartitionsAssigned(List.of(VERDICTS_0, PROGRESS_0));

    assertHealth(running(), HealthStatus.UP, 2, "holds 2 partition(s)");
  }

  @Test
  void shouldBeUpWithNoneWhenItsGroupGaveItNone() {
    listener.onPartitionsAssigned(List.of());

    assertHealth(running(), HealthStatus.UP, 0, "holds no partition: its group has more members than partitions");
  }

  @Test
  void shouldBeDownWhileARebalanceTookEverythingAway() {
    listener.onPartitionsAssigned(List.of(VERDICTS_0, PROGRESS_0));
    listener.onPartitionsRevoked(List.of(VERDICTS_0, PROGRESS_0));

    assertHealth(running(), HealthStatus.DOWN, 0, "holds no partition yet");
  }

  @Test
  void shouldBeDownOnceItsConsumerStopped() {
    listener.onPartitionsAssigned(List.of(VERDICTS_0));

    assertHealth(registry(Set.of()), HealthStatus.DOWN, 1, "its consumer stopped");
  }

  private void assertHealth(ConsumerRegistry registry, HealthStatus status, int partitions, String assignment) {
    HealthResult result = Mono.from(new ReleaseInputsHealthIndicator(listener, registry).getResult()).block();
    assertThat(result.getName()).isEqualTo("releaseInputs");
    assertThat(result.getStatus()).isEqualTo(status);
    assertThat(result.getDetails()).isEqualTo(Map.of("assignedPartitions", partitions, "assignment", assignment));
  }

  private static ConsumerRegistry running() {
    return registry(Set.of(ReleaseInputListener.CLIENT_ID));
  }

  /** A registry that knows only its consumer ids, which is all the indicator asks. */
  private static ConsumerRegistry registry(Set<String> consumerIds) {
    return (ConsumerRegistry) Proxy.newProxyInstance(ConsumerRegistry.class.getClassLoader(),
        new Class<?>[] {ConsumerRegistry.class}, (proxy, method, args) -> {
          if (method.getName().equals("getConsumerIds")) {
            return consumerIds;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
