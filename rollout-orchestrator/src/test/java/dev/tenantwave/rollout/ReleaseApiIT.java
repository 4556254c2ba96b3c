package dev.tenantwave.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.ReleaseTrack;
import dev.tenantwave.events.TenancyModel;
import dev.tenantwave.events.TenantStatus;
import dev.tenantwave.events.TenantTier;
import dev.tenantwave.rollout.testing.Catalog;
import dev.tenantwave.rollout.testing.OrchestratorApp;
import dev.tenantwave.rollout.testing.StandIn;
import dev.tenantwave.testsupport.TestInfra;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear 4xx problem document and changes nothing: invalid plans, wrong states, unknown ids, roles. */
class ReleaseApiIT {

  private static final TestInfra INFRA = TestInfra.get();
  private static final String PREFIX = TestInfra.uniqueId("api").replace('_', '-');
  private static StandIn standIn;
  private static OrchestratorApp app;

  @BeforeAll
  static void start() {
    INFRA.createTopics();
    standIn = new StandIn(INFRA, PREFIX, Set.of());
    Catalog.publish(standIn, Catalog.tenant(PREFIX, PREFIX + "-a", "eu-west", ReleaseTrack.GENERAL, TenantTier.SMB,
        TenancyModel.SCHEMA, TenantStatus.ACTIVE));
    standIn.flush();
    app = OrchestratorApp.start(INFRA, OrchestratorApp.newDatabase(INFRA), TestInfra.uniqueId("rollout"), Map.of());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (app != null) {
      app.close();
    }
    if (standIn != null) {
      standIn.close();
    }
  }

  private static String plan(String id) {
    return """
        releaseId: %2$s
        appVersion: "2.4"
        previousAppVersion: "2.3"
        regions:
          - region: eu-west
            waves: [{name: all, cohort: {flags: {%1$s: true}}}]
        """.formatted(PREFIX, id);
  }

  private static HttpClientResponseException refused(Runnable call) {
    try {
      call.run();
    } catch (HttpClientResponseException e) {
      return e;
    }
    throw new AssertionError("expected a refusal");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> errors(HttpClientResponseException e) {
    try {
      String body = e.getResponse().getBody(String.class).orElseThrow();
      return (List<Map<String, Object>>) app.context().getBean(io.micronaut.json.JsonMapper.class)
          .readValue(body, Map.class).get("errors");
    } catch (java.io.IOException io) {
      throw new java.io.UncheckedIOException(io);
    }
  }

  @Test
  void shouldNameEveryFieldOfAnInvalidPlan() {
    HttpClientResponseException invalid = refused(() -> app.post("/api/v1/releases", """
        appVersion: 2.4.0
        previousAppVersion: 2.4.0
        color: blue
        regions:
          - region: eu-west
            waves: [{name: smb, cohort: {tiers: [GOLD]}, steps: [5, 1]}]
        """, OrchestratorApp.OPERATOR, Map.class));
    assertThat(invalid.getStatus().getCode()).isEqualTo(422);
    assertThat(errors(invalid)).extracting(e -> e.get("field")).contains("releaseId", "previousAppVersion", "color",
        "regions[0].waves[0].cohort.tiers[0]", "regions[0].waves[0].steps[1]");
    assertThat(errors(invalid)).allSatisfy(e -> assertThat((String) e.get("detail")).isNotBlank());

    HttpClientResponseException syntax = refused(() -> app.post("/api/v1/releases/dry-run", "regions: [unclosed",
        OrchestratorApp.VIEWER, Map.class));
    assertThat(syntax.getStatus().getCode()).isEqualTo(422);
  }

  @Test
  void shouldRefuseUnknownIdsWrongRolesAndActionsTheStateDoesNotAllow() {
    String id = PREFIX + "-rel";
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(app.post("/api/v1/releases/dry-run", plan(id), OrchestratorApp.VIEWER, Map.class).body())
            .containsEntry("tenantCount", 1));
    assertThat(refused(() -> app.get("/api/v1/releases/nope")).getStatus().getCode()).isEqualTo(404);
    assertThat(refused(() -> app.post("/api/v1/releases/nope/start", "{}", OrchestratorApp.OPERATOR, Map.class))
        .getStatus().getCode()).isEqualTo(404);
    assertThat(refused(() -> app.post("/api/v1/releases", plan(id), OrchestratorApp.VIEWER, Map.class))
        .getStatus().getCode()).isEqualTo(403);
    assertThat(refused(() -> HttpClient.create(app.context().getBean(io.micronaut.runtime.server.EmbeddedServer.class)
        .getURL()).toBlocking().retrieve(HttpRequest.GET("/api/v1/releases"))).getStatus().getCode()).isEqualTo(401);

    app.post("/api/v1/releases", plan(id), OrchestratorApp.OPERATOR, Map.class);
    HttpClientResponseException notStarted = refused(() -> app.post("/api/v1/releases/" + id + "/promote", "{}",
        OrchestratorApp.OPERATOR, Map.class));
    assertThat(notStarted.getStatus().getCode()).isEqualTo(409);
    assertThat(notStarted.getResponse().getBody(String.class).orElse("")).contains("DRAFT");
    assertThat(refused(() -> app.post("/api/v1/releases/" + id + "/tenants/" + PREFIX + "-a/isolate", "{}",
        OrchestratorApp.OPERATOR, Map.class)).getStatus().getCode()).isEqualTo(409);

    app.post("/api/v1/releases/" + id + "/start", "{\"reason\": \"go\"}", OrchestratorApp.OPERATOR, Map.class);
    assertThat(refused(() -> app.post("/api/v1/releases/" + id + "/start", "{}", OrchestratorApp.OPERATOR, Map.class))
        .getStatus().getCode()).isEqualTo(409);
    assertThat(refused(() -> app.post("/api/v1/releases/" + id + "/resume", "{}", OrchestratorApp.OPERATOR,
        Map.class)).getStatus().getCode()).isEqualTo(409);
    assertThat(refused(() -> app.post("/api/v1/releases/" + id + "/approve-contract", "{}", OrchestratorApp.OPERATOR,
        Map.class)).getStatus().getCode()).isEqualTo(403);
    assertThat(refused(() -> app.post("/api/v1/releases/" + id + "/approve-contract", "{}", OrchestratorApp.ADMIN,
        Map.class)).getStatus().getCode()).isEqualTo(409);
    assertThat(refused(() -> app.post("/api/v1/releases/" + id + "/tenants/nobody/rollback", "{}",
        OrchestratorApp.OPERATOR, Map.class)).getStatus().getCode()).isEqualTo(404);
    assertThat(refused(() -> app.get("/api/v1/releases/" + id + "/tenants?state=SLEEPING")).getStatus().getCode())
        .isEqualTo(400);
    assertThat(app.get("/api/v1/releases/" + id).get("state")).isEqualTo("RUNNING");

    HttpClientResponseException busy = refused(() -> app.post("/api/v1/releases", plan(id + "-2"),
        OrchestratorApp.OPERATOR, Map.class));
    assertThat(busy.getStatus().getCode()).isEqualTo(409);
    assertThat(busy.getResponse().getBody(String.class).orElse("")).contains(PREFIX + "-a (in " + id + ")");
    assertThat(refused(() -> app.get("/api/v1/releases/" + id + "-2")).getStatus().getCode()).isEqualTo(404);
    assertThat(app.getList("/api/v1/releases/" + id + "/audit")).extracting(e -> e.get("actor") + " " + e.get("action")
        + " " + e.get("reason")).containsExactly("op (operator) create 1 tenants planned", "op (operator) start go");
  }
}
