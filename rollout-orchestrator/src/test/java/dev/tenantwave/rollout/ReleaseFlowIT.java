package dev.tenantwave.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.CohortPromotionRequested;
import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.MigrationState;
import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.ReleaseStatus;
import dev.tenantwave.events.ReleaseTrack;
import dev.tenantwave.events.TenancyModel;
import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.TenantMigrationProgress;
import dev.tenantwave.events.TenantMigrationRequested;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRolloutState;
import dev.tenantwave.events.TenantStatus;
import dev.tenantwave.events.TenantTier;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.VerdictOutcome;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.rollout.testing.Catalog;
import dev.tenantwave.rollout.testing.OrchestratorApp;
import dev.tenantwave.rollout.testing.StandIn;
import dev.tenantwave.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A release over two regions on the real broker, registry and PostgreSQL, driven only by events: the worker and the
 * gate are stood in for by this test, which answers every migration command on {@code migration.progress.v1} and
 * judges every switched tenant on {@code gate.verdicts.v1} (one tenant FAILs while its backfill runs). Residency is
 * checked from the topics, not from the orchestrator's tables.
 */
class ReleaseFlowIT {

  private static final TestInfra INFRA = TestInfra.get();
  private static final String PREFIX = TestInfra.uniqueId("rf").replace('_', '-');
  private static final String BAD = PREFIX + "-eu-smb-2";
  private static final String VIEWER = OrchestratorApp.VIEWER;
  private static final String OPERATOR = OrchestratorApp.OPERATOR;
  private static final String ADMIN = OrchestratorApp.ADMIN;

  private static final Map<String, String> regionOf = new HashMap<>();
  private static StandIn standIn;
  private static OrchestratorApp app;

  @BeforeAll
  static void start() {
    INFRA.createTopics();
    standIn = new StandIn(INFRA, PREFIX, Set.of(BAD));
    tenant("eu-internal", "eu-west", ReleaseTrack.INTERNAL, TenantTier.FREE, TenancyModel.POOLED);
    for (int i = 1; i <= 4; i++) {
      tenant("eu-smb-" + i, "eu-west", ReleaseTrack.GENERAL, TenantTier.SMB, TenancyModel.values()[1 + i % 3]);
    }
    tenant("eu-suspended", "eu-west", ReleaseTrack.GENERAL, TenantTier.SMB, TenancyModel.SCHEMA);
    for (int i = 1; i <= 3; i++) {
      tenant("us-smb-" + i, "us-east", ReleaseTrack.GENERAL, TenantTier.SMB, TenancyModel.values()[1 + i % 3]);
    }
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

  private static void tenant(String name, String region, ReleaseTrack track, TenantTier tier, TenancyModel tenancy) {
    String id = PREFIX + "-" + name;
    regionOf.put(id, region);
    Catalog.publish(standIn, Catalog.tenant(PREFIX, id, region, track, tier, tenancy,
        name.contains("suspended") ? TenantStatus.SUSPENDED : TenantStatus.ACTIVE));
  }

  private static String plan(String releaseId) {
    return """
        releaseId: %2$s
        appVersion: 2.4.0
        previousAppVersion: 2.3.1
        migrationSet: 2026-11-deal-stages
        regionOrder: PARALLEL
        gates: {bakeSeconds: 5, windowSeconds: 1}
        failurePolicy: {maxFailedTenantsPerWave: 1}
        regions:
          - region: eu-west
            waves:
              - name: internal
                cohort: {tracks: [INTERNAL], flags: {%1$s: true}}
              - name: smb
                cohort: {tracks: [GENERAL], tiers: [SMB], flags: {%1$s: true}}
                steps: [50, 100]
          - region: us-east
            waves:
              - name: smb
                cohort: {tracks: [GENERAL], tiers: [SMB], flags: {%1$s: true}}
        """.formatted(PREFIX, releaseId);
  }

  private static <T> HttpResponse<T> post(String path, String body, String user, Class<T> type) {
    return app.post(path, body, user, type);
  }

  private static Map<String, Object> get(String path) {
    return app.get(path);
  }

  private static int statusOf(Runnable call) {
    try {
      call.run();
      return 200;
    } catch (HttpClientResponseException e) {
      return e.getStatus().getCode();
    }
  }

  @Test
  void shouldRollBackTheBadTenantAloneWaitForApprovalContractAndThenRefuseRollback() {
    String id = PREFIX + "-rel";
    await().atMost(Duration.ofSeconds(30)).until(() ->
        statusOf(() -> post("/api/v1/releases/dry-run", plan(id), VIEWER, Map.class)) == 200
            && ((Number) post("/api/v1/releases/dry-run", plan(id), VIEWER, Map.class).body().get("tenantCount"))
                .intValue() == 8);
    assertThat(statusOf(() -> post("/api/v1/releases", plan(id), VIEWER, Map.class)))
        .isEqualTo(403);
    assertThat(post("/api/v1/releases", plan(id), OPERATOR, Map.class).getStatus().getCode()).isEqualTo(201);
    assertThat(statusOf(() -> post("/api/v1/releases", plan(id), OPERATOR, Map.class))).isEqualTo(409);
    assertThat(statusOf(() -> post("/api/v1/releases/" + id + "/approve-contract", "{}", ADMIN, Map.class)))
        .isEqualTo(409);

    post("/api/v1/releases/" + id + "/start", "{\"reason\": \"test\"}", OPERATOR, Map.class);

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(get("/api/v1/releases/" + id).get("state")).isEqualTo("AWAITING_CONTRACT_APPROVAL"));
    Map<String, Object> detail = get("/api/v1/releases/" + id);
    assertThat((Map<String, Object>) detail.get("tenants")).containsEntry("PASSED", 7).containsEntry("ROLLED_BACK", 1);
    List<Map<String, Object>> failed = (List<Map<String, Object>>) detail.get("failedTenants");
    assertThat(failed).singleElement().satisfies(t -> {
      assertThat(t.get("tenantId")).isEqualTo(BAD);
      assertThat((Map<String, Object>) t.get("failure")).containsEntry("gate", "5xx-rate")
          .containsEntry("observed", 0.5).containsEntry("threshold", 0.05).containsEntry("baseline", 0.01);
    });
    assertThat(commandsOf(BAD)).containsExactly("EXPAND", "MIGRATE", "ROLLBACK_MIGRATE", "ROLLBACK_EXPAND");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      TenantReleaseState last = standIn.tenantStates.stream().filter(s -> s.getTenantId().equals(BAD))
          .reduce((a, b) -> b).orElseThrow();
      assertThat(last.getState()).isEqualTo(TenantRolloutState.ROLLED_BACK);
      assertThat(last.getAppVersion()).isEqualTo("2.3.1");
    });
    assertThat(standIn.commands).noneMatch(c -> c.getTenantId().equals(PREFIX + "-eu-suspended"));

    assertThat(statusOf(() -> post("/api/v1/releases/" + id + "/approve-contract", "{}", OPERATOR, Map.class)))
        .isEqualTo(403);
    post("/api/v1/releases/" + id + "/approve-contract", "{\"reason\": \"all green\"}", ADMIN, Map.class);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(get("/api/v1/releases/" + id).get("state")).isEqualTo("COMPLETED"));
    assertThat(standIn.commands.stream().filter(c -> c.getPhase().name().equals("CONTRACT")).count()).isEqualTo(7);
    HttpClientResponseException refused = org.junit.jupiter.api.Assertions.assertThrows(
        HttpClientResponseException.class, () -> post("/api/v1/releases/" + id + "/tenants/" + PREFIX
            + "-eu-smb-1/rollback", "{\"reason\": \"too late\"}", OPERATOR, Map.class));
    assertThat(refused.getStatus().getCode()).isEqualTo(409);
    assertThat(refused.getResponse().getBody(String.class).orElse("")).contains("point of no return");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(standIn.statuses.get(id).getState().name()).isEqualTo("COMPLETED"));

    // residency, from the topics
    assertThat(standIn.promotions).filteredOn(p -> p.getReleaseId().equals(id)).isNotEmpty().allSatisfy(p ->
        assertThat(p.getTenantIds()).allMatch(t -> regionOf.get(t).equals(p.getRegion())));
    assertThat(standIn.tenantStates).allSatisfy(s -> assertThat(s.getRegion()).isEqualTo(regionOf.get(s.getTenantId())));
  }

  private static List<String> commandsOf(String tenantId) {
    List<String> phases = new ArrayList<>();
    standIn.commands.stream().filter(c -> c.getTenantId().equals(tenantId)).forEach(c -> phases.add(c.getPhase().name()));
    return phases;
  }
}
