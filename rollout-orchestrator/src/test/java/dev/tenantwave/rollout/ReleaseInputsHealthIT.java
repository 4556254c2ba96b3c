package dev.tenantwave.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.Topics;
import dev.tenantwave.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /health} says which share of the inputs' partitions an instance holds, alone and beside a second one. */
class ReleaseInputsHealthIT {

  private static final int INPUT_PARTITIONS = Topics.GATE_VERDICTS.partitions() + Topics.MIGRATION_PROGRESS.partitions();

  private final TestInfra infra = TestInfra.get();

  @Test
  void shouldShowThePartitionsItHoldsOnceItsGroupAssignedThem() {
    infra.createTopics();
    String group = TestInfra.uniqueId("rollout_health");
    String database = infra.postgres().createDatabase(TestInfra.uniqueId("tw_rollout"));
    try (EmbeddedServer first = start(database, group, "a")) {
      await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(HttpClientResponseException.class)
          .untilAsserted(() -> assertThat(releaseInputs(first))
              .containsEntry("status", "UP")
              .containsEntry("details", Map.of("assignedPartitions", INPUT_PARTITIONS,
                  "assignment", "holds " + INPUT_PARTITIONS + " partition(s)")));

      try (EmbeddedServer second = start(database, group, "b")) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(HttpClientResponseException.class)
            .untilAsserted(() -> {
              int held = partitions(first);
              int heldBySecond = partitions(second);
              assertThat(held).isPositive();
              assertThat(heldBySecond).isPositive();
              assertThat(held + heldBySecond).isEqualTo(INPUT_PARTITIONS);
            });
      }
    }
  }

  private EmbeddedServer start(String database, String group, String instance) {
    return ApplicationContext.run(EmbeddedServer.class, Map.of(
        "micronaut.server.port", -1,
        "kafka.bootstrap.servers", infra.kafkaBootstrap(),
        "tenantwave.registry.url", infra.registryUrl(),
        "datasources.default.url", database,
        "datasources.default.username", infra.postgres().user(),
        "datasources.default.password", infra.postgres().password(),
        "tenantwave.rollout.consumer-group", group,
        "tenantwave.kafka.instance-id", group + "-" + instance));
  }

  private static int partitions(EmbeddedServer server) {
    return (Integer) ((Map<?, ?>) releaseInputs(server).get("details")).get("assignedPartitions");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> releaseInputs(EmbeddedServer server) {
    try (HttpClient http = HttpClient.create(server.getURL())) {
      Map<String, Object> health = http.toBlocking().retrieve(HttpRequest.GET("/health"), Map.class);
      return (Map<String, Object>) ((Map<String, Object>) health.get("details")).get("releaseInputs");
    }
  }
}
