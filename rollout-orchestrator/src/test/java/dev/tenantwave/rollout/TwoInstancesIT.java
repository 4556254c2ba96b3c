package dev.tenantwave.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.ReleaseTrack;
import dev.tenantwave.events.TenancyModel;
import dev.tenantwave.events.TenantMigrationRequested;
import dev.tenantwave.events.TenantRolloutState;
import dev.tenantwave.events.TenantStatus;
import dev.tenantwave.events.TenantTier;
import dev.tenantwave.rollout.testing.Catalog;
import dev.tenantwave.rollout.testing.OrchestratorProcess;
import dev.tenantwave.rollout.testing.StandIn;
import dev.tenantwave.testsupport.TestInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two orchestrator instances on one database and consumer group; one is killed with SIGKILL in the middle of a
 * release. The other finishes it: every tenant passes, and each tenant got each migration step exactly once (one
 * command event id per tenant and step, whatever the relay re-sent).
 */
class TwoInstancesIT {

  private static final TestInfra INFRA = TestInfra.get();
  private static final int TENANTS = 120;
  private static final String PASSWORD = "pw-" + UUID.randomUUID();

  @Test
  void shouldFinishTheReleaseOnTheOtherInstanceWhenOneIsKilled() throws Exception {
    INFRA.createTopics();
    String prefix = TestInfra.uniqueId("ti").replace('_', '-');
    String database = INFRA.postgres().createDatabase(TestInfra.uniqueId("tw_rollout"));
    String group = TestInfra.uniqueId("rollout");
    String users = "viewer=eve:" + PASSWORD + ",operator=op:" + PASSWORD;
    try (StandIn standIn = new StandIn(INFRA, prefix, Set.of());
         OrchestratorProcess first = OrchestratorProcess.start("orchestrator-1", INFRA, database, group, users);
         OrchestratorProcess second = OrchestratorProcess.start("orchestrator-2", INFRA, database, group, users)) {
      for (int i = 0; i < TENANTS; i++) {
        Catalog.publish(standIn, Catalog.tenant(prefix, prefix + "-" + i, i % 2 == 0 ? "eu-west" : "us-east",
            ReleaseTrack.GENERAL, TenantTier.SMB, TenancyModel.values()[1 + i % 3], TenantStatus.ACTIVE));
      }
      standIn.flush();
      String id = prefix + "-rel";
      String plan = """
          releaseId: %2$s
          appVersion: 2.4.0
          previousAppVersion: 2.3.1
          migrationSet: 2026-11-deal-stages
          regionOrder: PARALLEL
          regions:
            - region: eu-west
              waves: [{name: general, cohort: {tracks: [GENERAL], flags: {%1$s: true}}, steps: [5, 25, 50, 100]}]
            - region: us-east
              waves: [{name: general, cohort: {tracks: [GENERAL], flags: {%1$s: true}}, steps: [5, 25, 50, 100]}]
          """.formatted(prefix, id);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(post(first, "/api/v1/releases/dry-run", plan, "eve").body())
              .contains("\"tenantCount\":" + TENANTS));
      assertThat(post(first, "/api/v1/releases", plan, "op").statusCode()).isEqualTo(201);
      assertThat(post(second, "/api/v1/releases/" + id + "/start", "{\"reason\": \"kill test\"}", "op").statusCode())
          .isEqualTo(200);

      await().atMost(Duration.ofSeconds(60)).until(() -> passed(standIn) >= TENANTS / 10);
      first.kill();
      long passedAtKill = passed(standIn);

      await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
          assertThat(get(second, "/api/v1/releases/" + id)).contains("\"state\":\"AWAITING_CONTRACT_APPROVAL\""));
      assertThat(passedAtKill).isLessThan(TENANTS);
      assertThat(get(second, "/api/v1/releases/" + id)).contains("\"PASSED\":" + TENANTS);
      Map<String, Long> commandsPerTenantAndStep = standIn.commands.stream()
          .filter(c -> c.getReleaseId().equals(id))
          .collect(Collectors.groupingBy(c -> c.getTenantId() + "/" + c.getPhase(),
              Collectors.mapping(TenantMigrationRequested::getEventId, Collectors.toSet())))
          .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue().size()));
      assertThat(commandsPerTenantAndStep).hasSize(TENANTS * 2);
      assertThat(commandsPerTenantAndStep.values()).allMatch(n -> n == 1);
    }
  }

  private static long passed(StandIn standIn) {
    return standIn.tenantStates.stream().filter(s -> s.getPhase() == ReleasePhase.DONE
        && s.getState() == TenantRolloutState.PASSED).map(s -> s.getTenantId()).distinct().count();
  }

  private static HttpResponse<String> post(OrchestratorProcess instance, String path, String body, String user)
      throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(instance.url() + path))
        .header("Authorization", basic(user))
        .header("Content-Type", body.startsWith("{") ? "application/json" : "application/yaml")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String get(OrchestratorProcess instance, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(instance.url() + path))
        .header("Authorization", basic("eve")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }
}
