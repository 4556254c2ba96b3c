package dev.tenantwave.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

/** The orchestrator's @KafkaListener joins its group as a static member under the configured instance id. */
class StaticMembershipIT {

  @Test
  void shouldJoinItsConsumerGroupUnderTheConfiguredInstanceId() {
    TestInfra infra = TestInfra.get();
    infra.createTopics();
    String group = TestInfra.uniqueId("rollout_static");
    String instance = TestInfra.uniqueId("orchestrator-a");
    Map<String, Object> settings = Map.of(
        "micronaut.server.port", -1,
        "kafka.bootstrap.servers", infra.kafkaBootstrap(),
        "tenantwave.registry.url", infra.registryUrl(),
        "datasources.default.url", infra.postgres().createDatabase(TestInfra.uniqueId("tw_rollout")),
        "datasources.default.username", infra.postgres().user(),
        "datasources.default.password", infra.postgres().password(),
        "tenantwave.rollout.consumer-group", group,
        "tenantwave.kafka.instance-id", instance);
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, settings);
         Admin admin = infra.admin()) {
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        List<MemberDescription> members = List.copyOf(
            admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members());
        assertThat(members).singleElement()
            .satisfies(m -> assertThat(m.groupInstanceId()).hasValue(instance));
      });
    }
  }
}
