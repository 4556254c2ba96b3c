package dev.tenantwave.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class GroupMembershipTest {

  @Test
  void shouldTakeTheConfiguredInstanceId() {
    GroupMembershipSettings settings = new GroupMembershipSettings();
    settings.setInstanceId(" gate-eu-1 ");
    assertThat(new GroupMembership(settings, "gate-evaluator", 18084).instanceId()).hasValue("gate-eu-1");
  }

  @Test
  void shouldDeriveAnIdUniquePerPortOnOneHostAndStableAcrossRestarts() {
    GroupMembershipSettings settings = new GroupMembershipSettings();
    String first = new GroupMembership(settings, "migration-worker", 18083).instanceId().orElseThrow();
    String second = new GroupMembership(settings, "migration-worker", 18093).instanceId().orElseThrow();
    assertThat(first).startsWith("migration-worker-").endsWith("-18083").isNotEqualTo(second);
    assertThat(new GroupMembership(settings, "migration-worker", 18083).instanceId()).hasValue(first);
  }

  @Test
  void shouldJoinDynamicallyWithARandomPortOrWhenStaticMembershipIsOff() {
    GroupMembershipSettings settings = new GroupMembershipSettings();
    assertThat(new GroupMembership(settings, "gate-evaluator", -1).consumerSettings())
        .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
        .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    settings.setStaticMembership(false);
    settings.setInstanceId("gate-eu-1");
    settings.setSessionTimeout(Duration.ofSeconds(45));
    assertThat(new GroupMembership(settings, "gate-evaluator", 18084).consumerSettings())
        .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
        .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 45_000);
  }
}
