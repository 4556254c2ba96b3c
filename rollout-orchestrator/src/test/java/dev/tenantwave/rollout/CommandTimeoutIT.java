package dev.tenantwave.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.ReleaseTrack;
import dev.tenantwave.events.TenancyModel;
import dev.tenantwave.events.TenantMigrationRequested;
import dev.tenantwave.events.TenantStatus;
import dev.tenantwave.events.TenantTier;
import dev.tenantwave.rollout.testing.Catalog;
import dev.tenantwave.rollout.testing.OrchestratorApp;
import dev.tenantwave.rollout.testing.StandIn;
import dev.tenantwave.testsupport.TestInfra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A command whose answer never comes is sent again with attempt + 1 after {@code command-timeout}; a command the
 * worker is still reporting progress on is not, however long it takes (here three times the timeout).
 */
class CommandTimeoutIT {

  private static final TestInfra INFRA = TestInfra.get();

  @Test
  void shouldResendALostCommandButNotOneTheWorkerIsStillWorkingOn() throws Exception {
    INFRA.createTopics();
    String prefix = TestInfra.uniqueId("ct").replace('_', '-');
    String lost = prefix + "-lost";
    String slow = prefix + "-slow";
    try (StandIn standIn = new StandIn(INFRA, prefix, Set.of()).silentOnce(lost).slow(slow, Duration.ofSeconds(12));
         OrchestratorApp app = OrchestratorApp.start(INFRA, OrchestratorApp.newDatabase(INFRA),
             TestInfra.uniqueId("rollout"), Map.of("tenantwave.rollout.command-timeout", "4s"))) {
      for (String tenant : List.of(lost, slow)) {
        Catalog.publish(standIn, Catalog.tenant(prefix, tenant, "eu-west", ReleaseTrack.GENERAL, TenantTier.SMB,
            TenancyModel.SCHEMA, TenantStatus.ACTIVE));
      }
      standIn.flush();
      String id = prefix + "-rel";
      String plan = """
          releaseId: %2$s
          appVersion: 2.4.0
          previousAppVersion: 2.3.1
          migrationSet: 2026-11-deal-stages
          regions:
            - region: eu-west
              waves: [{name: all, cohort: {flags: {%1$s: true}}}]
          """.formatted(prefix, id);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(app.post("/api/v1/releases/dry-run", plan, OrchestratorApp.VIEWER, Map.class).body())
              .containsEntry("tenantCount", 2));
      app.post("/api/v1/releases", plan, OrchestratorApp.OPERATOR, Map.class);
      app.post("/api/v1/releases/" + id + "/start", "{\"reason\": \"timeouts\"}", OrchestratorApp.OPERATOR, Map.class);

      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(app.get("/api/v1/releases/" + id).get("state")).isEqualTo("AWAITING_CONTRACT_APPROVAL"));
      assertThat(attempts(standIn, lost, "EXPAND")).containsExactly(1, 2);
      assertThat(attempts(standIn, slow, "EXPAND")).containsExactly(1);
      assertThat(attempts(standIn, slow, "MIGRATE")).containsExactly(1);
    }
  }

  private static List<Integer> attempts(StandIn standIn, String tenant, String phase) {
    return standIn.commands.stream().filter(c -> c.getTenantId().equals(tenant) && c.getPhase().name().equals(phase))
        .map(TenantMigrationRequested::getAttempt).toList();
  }
}
