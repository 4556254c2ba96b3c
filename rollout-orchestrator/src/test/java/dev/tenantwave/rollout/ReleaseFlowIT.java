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
  private static final EventSerdes SERDES = EventSerdes.forRegistry(INFRA.registryUrl());
  private static final String PREFIX = TestInfra.uniqueId("rf").replace('_', '-');
  private static final String BAD = PREFIX + "-eu-smb-2";
  private static final String OPERATOR = "operator=op:op-" + UUID.randomUUID();
  private static final String ADMIN = "admin=boss:boss-" + UUID.randomUUID();
  private static final String VIEWER = "viewer=eve:eve-" + UUID.randomUUID();

  private static final Map<String, String> regionOf = new HashMap<>();
  private static final List<TenantMigrationRequested> commands = new CopyOnWriteArrayList<>();
  private static final List<TenantReleaseState> tenantStates = new CopyOnWriteArrayList<>();
  private static final List<CohortPromotionRequested> promotions = new CopyOnWriteArrayList<>();
  private static final Map<String, ReleaseStatus> statuses = new ConcurrentHashMap<>();
  private static final AtomicLong sequence = new AtomicLong();
  private static KafkaProducer<String, byte[]> producer;
  private static EmbeddedServer server;
  private static BlockingHttpClient http;
  private static Thread stand_in;
  private static volatile boolean running = true;

  @BeforeAll
  static void start() {
    INFRA.createTopics();
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap()),
        new StringSerializer(), new ByteArraySerializer());
    tenant("eu-internal", "eu-west", ReleaseTrack.INTERNAL, TenantTier.FREE, TenancyModel.POOLED);
    for (int i = 1; i <= 4; i++) {
      tenant("eu-smb-" + i, "eu-west", ReleaseTrack.GENERAL, TenantTier.SMB, TenancyModel.values()[1 + i % 3]);
    }
    tenant("eu-suspended", "eu-west", ReleaseTrack.GENERAL, TenantTier.SMB, TenancyModel.SCHEMA);
    for (int i = 1; i <= 3; i++) {
      tenant("us-smb-" + i, "us-east", ReleaseTrack.GENERAL, TenantTier.SMB, TenancyModel.values()[1 + i % 3]);
    }
    producer.flush();
    stand_in = new Thread(ReleaseFlowIT::standInForWorkerAndGate, "worker-and-gate");
    stand_in.setDaemon(true);
    stand_in.start();

    Map<String, Object> settings = new HashMap<>();
    settings.put("micronaut.server.port", -1);
    settings.put("kafka.bootstrap.servers", INFRA.kafkaBootstrap());
    settings.put("tenantwave.registry.url", INFRA.registryUrl());
    settings.put("tenantwave.security.users", String.join(",", OPERATOR, ADMIN, VIEWER));
    settings.put("datasources.default.url", INFRA.postgres().createDatabase(TestInfra.uniqueId("tw_rollout")));
    settings.put("datasources.default.username", INFRA.postgres().user());
    settings.put("datasources.default.password", INFRA.postgres().password());
    settings.put("tenantwave.rollout.consumer-group", TestInfra.uniqueId("rollout"));
    server = ApplicationContext.run(EmbeddedServer.class, settings);
    http = HttpClient.create(server.getURL()).toBlocking();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    running = false;
    if (stand_in != null) {
      stand_in.join(5_000);
    }
    if (server != null) {
      server.close();
    }
    if (producer != null) {
      producer.close();
    }
  }

  private static void tenant(String name, String region, ReleaseTrack track, TenantTier tier, TenancyModel tenancy) {
    String id = PREFIX + "-" + name;
    regionOf.put(id, region);
    TenantCatalogEntry entry = TenantCatalogEntry.newBuilder()
        .setEventId(UUID.randomUUID()).setVersion(1).setTenantId(id).setDisplayName(name)
        .setTier(tier).setTrack(track).setRegion(region).setJurisdiction(region.startsWith("eu") ? "EU" : "US")
        .setCell(region + "-1").setTenancy(tenancy).setCluster("pg-" + region + "-a").setDatabase("crm")
        .setSchema$(tenancy == TenancyModel.POOLED ? null : "t_" + id.replace('-', '_'))
        .setFlags(Map.of()).setIntegrations(List.of()).setMaintenanceWindows(List.of()).setOwner("team")
        .setStatus(name.contains("suspended") ? TenantStatus.SUSPENDED : TenantStatus.ACTIVE)
        .setChangedAt(Instant.now()).build();
    send(Topics.TENANT_CATALOG.name(), id, SERDES.valueSerializer(Topics.TENANT_CATALOG)
        .serialize(Topics.TENANT_CATALOG.name(), entry));
  }

  private static void send(String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value));
  }

  /** Answers every command with SUCCEEDED; PASSes every baking tenant, FAILs the bad one as soon as it switches. */
  private static void standInForWorkerAndGate() {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueId("stand-in"),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.MIGRATION_COMMANDS.name(), Topics.RELEASE_TENANT_STATE.name(),
          Topics.ROLLOUT_PROMOTIONS.name(), Topics.RELEASE_STATUS.name()));
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          if (record.key() == null || !record.key().startsWith(PREFIX)) {
            continue;
          }
          SpecificRecord value = SERDES.valueDeserializer(Topics.byName(record.topic())).deserialize(record.topic(),
              record.value());
          if (value instanceof TenantMigrationRequested command) {
            commands.add(command);
            answer(command);
          } else if (value instanceof TenantReleaseState state) {
            tenantStates.add(state);
            judge(state);
          } else if (value instanceof CohortPromotionRequested promotion) {
            promotions.add(promotion);
          } else if (value instanceof ReleaseStatus status) {
            statuses.put(status.getReleaseId(), status);
          }
        }
      }
    }
  }

  private static void answer(TenantMigrationRequested command) {
    TenantMigrationProgress progress = TenantMigrationProgress.newBuilder()
        .setEventId(UUID.randomUUID()).setSequence(sequence.incrementAndGet()).setCommandId(command.getEventId())
        .setReleaseId(command.getReleaseId()).setTenantId(command.getTenantId())
        .setMigrationSet(command.getMigrationSet()).setPhase(command.getPhase()).setState(MigrationState.SUCCEEDED)
        .setAttempt(command.getAttempt()).setAt(Instant.now()).build();
    send(Topics.MIGRATION_PROGRESS.name(), command.getTenantId(), SERDES.valueSerializer(Topics.MIGRATION_PROGRESS)
        .serialize(Topics.MIGRATION_PROGRESS.name(), progress));
  }

  private static void judge(TenantReleaseState state) {
    if (state.getState() != TenantRolloutState.IN_PROGRESS) {
      return;
    }
    boolean bad = state.getTenantId().equals(BAD);
    VerdictOutcome outcome;
    if (bad && state.getPhase() == ReleasePhase.SWITCH) {
      outcome = VerdictOutcome.FAIL;
    } else if (!bad && state.getPhase() == ReleasePhase.BAKE) {
      outcome = VerdictOutcome.PASS;
    } else {
      return;
    }
    Instant now = Instant.now();
    GateVerdict verdict = GateVerdict.newBuilder()
        .setEventId(UUID.randomUUID()).setSequence(sequence.incrementAndGet()).setTenantId(state.getTenantId())
        .setReleaseId(state.getReleaseId()).setAppVersion(state.getAppVersion()).setWave(state.getWave())
        .setGate(bad ? "5xx-rate" : "bake").setOutcome(outcome)
        .setReason(bad ? "5xx rate 0.5 > 0.05" : "no breach during the bake").setObserved(bad ? 0.5 : null)
        .setThreshold(bad ? 0.05 : null).setBaseline(bad ? 0.01 : null).setSamples(100)
        .setWindowStart(now.minusSeconds(10)).setWindowEnd(now).setDecidedAt(now).build();
    send(Topics.GATE_VERDICTS.name(), state.getTenantId(), SERDES.valueSerializer(Topics.GATE_VERDICTS)
        .serialize(Topics.GATE_VERDICTS.name(), verdict));
  }

  private static String plan(String releaseId) {
    return """
        releaseId: %s
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
                cohort: {tracks: [INTERNAL]}
              - name: smb
                cohort: {tracks: [GENERAL], tiers: [SMB]}
                steps: [50, 100]
          - region: us-east
            waves:
              - name: smb
                cohort: {tracks: [GENERAL], tiers: [SMB]}
        """.formatted(releaseId);
  }

  private static <T> HttpResponse<T> post(String path, String body, String user, Class<T> type) {
    String[] credentials = user.substring(user.indexOf('=') + 1).split(":");
    return http.exchange(HttpRequest.POST(path, body).contentType(body.startsWith("{") ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_YAML)
        .basicAuth(credentials[0], credentials[1]), type);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> get(String path) {
    String[] credentials = VIEWER.substring(VIEWER.indexOf('=') + 1).split(":");
    return http.retrieve(HttpRequest.GET(path).basicAuth(credentials[0], credentials[1]), Map.class);
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
      TenantReleaseState last = tenantStates.stream().filter(s -> s.getTenantId().equals(BAD))
          .reduce((a, b) -> b).orElseThrow();
      assertThat(last.getState()).isEqualTo(TenantRolloutState.ROLLED_BACK);
      assertThat(last.getAppVersion()).isEqualTo("2.3.1");
    });
    assertThat(commands).noneMatch(c -> c.getTenantId().equals(PREFIX + "-eu-suspended"));

    assertThat(statusOf(() -> post("/api/v1/releases/" + id + "/approve-contract", "{}", OPERATOR, Map.class)))
        .isEqualTo(403);
    post("/api/v1/releases/" + id + "/approve-contract", "{\"reason\": \"all green\"}", ADMIN, Map.class);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(get("/api/v1/releases/" + id).get("state")).isEqualTo("COMPLETED"));
    assertThat(commands.stream().filter(c -> c.getPhase().name().equals("CONTRACT")).count()).isEqualTo(7);
    HttpClientResponseException refused = org.junit.jupiter.api.Assertions.assertThrows(
        HttpClientResponseException.class, () -> post("/api/v1/releases/" + id + "/tenants/" + PREFIX
            + "-eu-smb-1/rollback", "{\"reason\": \"too late\"}", OPERATOR, Map.class));
    assertThat(refused.getStatus().getCode()).isEqualTo(409);
    assertThat(refused.getResponse().getBody(String.class).orElse("")).contains("point of no return");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(statuses.get(id).getState().name()).isEqualTo("COMPLETED"));

    // residency, from the topics
    assertThat(promotions).isNotEmpty().allSatisfy(p ->
        assertThat(p.getTenantIds()).allMatch(t -> regionOf.get(t).equals(p.getRegion())));
    assertThat(tenantStates).allSatisfy(s -> assertThat(s.getRegion()).isEqualTo(regionOf.get(s.getTenantId())));
  }

  private static List<String> commandsOf(String tenantId) {
    List<String> phases = new ArrayList<>();
    commands.stream().filter(c -> c.getTenantId().equals(tenantId)).forEach(c -> phases.add(c.getPhase().name()));
    return phases;
  }
}
