package dev.tenantwave.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.MigrationPhase;
import dev.tenantwave.events.MigrationState;
import dev.tenantwave.events.ReleaseTrack;
import dev.tenantwave.events.TenancyModel;
import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.TenantMigrationProgress;
import dev.tenantwave.events.TenantMigrationRequested;
import dev.tenantwave.events.TenantStatus;
import dev.tenantwave.events.TenantTier;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import dev.tenantwave.migration.testing.CrmFleet;
import dev.tenantwave.migration.testing.Pg;
import dev.tenantwave.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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

/** Black box through Kafka: catalog and commands in, progress out, poison to the DLQ; plus the audit endpoint. */
class MigrationWorkerKafkaIT {

  private static final TestInfra INFRA = TestInfra.get();
  private static final EventSerdes SERDES = EventSerdes.forRegistry(INFRA.registryUrl());
  private static final List<TenantMigrationProgress> PROGRESS = new CopyOnWriteArrayList<>();
  private static final String VIEWER_PASSWORD = UUID.randomUUID().toString();

  private static List<TenantPlacement> tenants;
  private static EmbeddedServer server;
  private static KafkaProducer<String, byte[]> producer;
  private static Thread progressReader;
  private static volatile boolean reading = true;

  @BeforeAll
  static void startWorker() {
    INFRA.createTopics();
    String prefix = TestInfra.uniqueId("kw").replace('_', '-');
    tenants = CrmFleet.pooled(Pg.uniqueId("kafka"), prefix, 3, 3_000);
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap()),
        new StringSerializer(), new ByteArraySerializer());
    for (TenantPlacement tenant : tenants) {
      send(Topics.TENANT_CATALOG.name(), tenant.tenantId(),
          SERDES.valueSerializer(Topics.TENANT_CATALOG).serialize(Topics.TENANT_CATALOG.name(), catalogEntry(tenant)));
    }
    startProgressReader();

    Map<String, Object> settings = new HashMap<>();
    settings.put("micronaut.server.port", -1);
    settings.put("kafka.bootstrap.servers", INFRA.kafkaBootstrap());
    settings.put("tenantwave.registry.url", INFRA.registryUrl());
    settings.put("tenantwave.security.users", "viewer=auditor:" + VIEWER_PASSWORD);
    settings.put("datasources.default.url", INFRA.postgres().createDatabase(TestInfra.uniqueId("tw_migration")));
    settings.put("datasources.default.username", Pg.user());
    settings.put("datasources.default.password", Pg.password());
    settings.put("tenantwave.migration.consumer-group", TestInfra.uniqueId("migration-worker"));
    settings.put("tenantwave.migration.clusters.pg-test.jdbc-url", Pg.clusterUrl());
    settings.put("tenantwave.migration.clusters.pg-test.username", Pg.user());
    settings.put("tenantwave.migration.clusters.pg-test.password", Pg.password());
    settings.put("tenantwave.migration.clusters.pg-test.runtime-username", CrmFleet.RUNTIME_ROLE);
    settings.put("tenantwave.migration.clusters.pg-test.runtime-password", CrmFleet.runtimePassword());
    // the configured cluster has no default logins: point it at the test server too
    settings.put("tenantwave.migration.clusters.pg-eu-west-a.username", Pg.user());
    settings.put("tenantwave.migration.clusters.pg-eu-west-a.password", Pg.password());
    settings.put("tenantwave.migration.clusters.pg-eu-west-a.runtime-password", CrmFleet.runtimePassword());
    settings.put("tenantwave.migration.target-batch-millis", 20);
    settings.put("tenantwave.migration.min-batch-size", 100);
    settings.put("tenantwave.migration.max-batch-size", 200);
    server = ApplicationContext.run(EmbeddedServer.class, settings);
  }

  @AfterAll
  static void stop() {
    reading = false;
    if (server != null) {
      server.close();
    }
    if (producer != null) {
      producer.close();
    }
  }

  @Test
  void shouldTurnCommandsIntoProgressAndReannounceARedeliveredOne() {
    TenantPlacement tenant = tenants.get(0);
    TenantMigrationRequested expand = command(tenant, MigrationPhase.EXPAND);
    TenantMigrationRequested migrate = command(tenant, MigrationPhase.MIGRATE);
    sendCommand(expand);
    sendCommand(migrate);

    await().atMost(Duration.ofSeconds(60)).until(() -> finalOf(migrate) != null);
    assertThat(finalOf(expand).getState()).isEqualTo(MigrationState.SUCCEEDED);
    TenantMigrationProgress done = finalOf(migrate);
    assertThat(done.getState()).as(String.valueOf(done.getError())).isEqualTo(MigrationState.SUCCEEDED);
    assertThat(done.getRowsDone()).isEqualTo(3_000);
    assertThat(done.getChecksum()).startsWith("sha256:");
    List<MigrationState> states = statesOf(migrate);
    assertThat(states).startsWith(MigrationState.STARTED).contains(MigrationState.RUNNING)
        .endsWith(MigrationState.SUCCEEDED);

    int before = statesOf(migrate).size();
    sendCommand(migrate); // redelivery: same eventId
    await().atMost(Duration.ofSeconds(30)).until(() -> statesOf(migrate).size() > before);
    assertThat(statesOf(migrate).subList(before, statesOf(migrate).size()))
        .containsExactly(MigrationState.SUCCEEDED);
  }

  @Test
  void shouldFailACommandForATenantOfAnotherRegionAndDeadLetterPoison() throws Exception {
    TenantPlacement local = tenants.get(1);
    TenantPlacement foreign = new TenantPlacement(local.tenantId() + "-us", "us-east", local.model(), local.cluster(),
        local.database(), null);
    send(Topics.TENANT_CATALOG.name(), foreign.tenantId(),
        SERDES.valueSerializer(Topics.TENANT_CATALOG).serialize(Topics.TENANT_CATALOG.name(), catalogEntry(foreign)));
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      TenantMigrationRequested probe = command(foreign, MigrationPhase.EXPAND);
      sendCommand(probe);
      await().atMost(Duration.ofSeconds(10)).until(() -> finalOf(probe) != null);
      return finalOf(probe).getError().contains("residency");
    });

    String poisonKey = local.tenantId();
    send(Topics.MIGRATION_COMMANDS.name(), poisonKey, "not avro".getBytes(StandardCharsets.UTF_8));
    try (KafkaConsumer<String, byte[]> dlq = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueId("dlq"),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
      dlq.subscribe(List.of(Topics.MIGRATION_COMMANDS.deadLetterTopic()));
      List<String> keys = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        dlq.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
        return keys.contains(poisonKey);
      });
    }
  }

  @Test
  void shouldSayWhichNameBreaksThePlacementRuleInsteadOfUnknownTenant() {
    TenantPlacement local = tenants.get(2);
    TenantCatalogEntry mixedDatabase = TenantCatalogEntry.newBuilder(catalogEntry(local))
        .setTenantId(local.tenantId() + "-mixed").setDatabase("T-Mixed.Case").build();
    TenantCatalogEntry mixedId = TenantCatalogEntry.newBuilder(catalogEntry(local)).setTenantId("T-Mixed.Case").build();
    for (TenantCatalogEntry entry : List.of(mixedDatabase, mixedId)) {
      send(Topics.TENANT_CATALOG.name(), entry.getTenantId(),
          SERDES.valueSerializer(Topics.TENANT_CATALOG).serialize(Topics.TENANT_CATALOG.name(), entry));
    }
    for (TenantCatalogEntry entry : List.of(mixedDatabase, mixedId)) {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        TenantMigrationRequested probe = TenantMigrationRequested.newBuilder(command(local, MigrationPhase.EXPAND))
            .setTenantId(entry.getTenantId()).build();
        sendCommand(probe);
        await().atMost(Duration.ofSeconds(10)).until(() -> finalOf(probe) != null);
        assertThat(finalOf(probe).getState()).isEqualTo(MigrationState.FAILED);
        assertThat(finalOf(probe).getError()).contains("placement refused", "T-Mixed.Case", "no SQL was run");
      });
    }
    assertThat(PROGRESS).filteredOn(p -> p.getTenantId().equals("T-Mixed.Case"))
        .noneMatch(p -> p.getState() == MigrationState.STARTED);
  }

  @Test
  void auditEndpointShouldListTheDatabasesOfPooledTenants() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String auth = "Basic " + Base64.getEncoder().encodeToString(("auditor:" + VIEWER_PASSWORD).getBytes());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create(server.getURL() + "/api/v1/isolation-audit")).header("Authorization", auth).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains(tenants.get(0).database(), "ROLE_BYPASSES_RLS")
          .doesNotContain("public.deals");
    });
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
        URI.create(server.getURL() + "/api/v1/isolation-audit")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  private static TenantMigrationRequested command(TenantPlacement tenant, MigrationPhase phase) {
    return TenantMigrationRequested.newBuilder().setEventId(UUID.randomUUID()).setSequence(1).setReleaseId("rel-k")
        .setTenantId(tenant.tenantId()).setMigrationSet(CrmFleet.DEAL_STAGES).setPhase(phase).setAttempt(1)
        .setRequestedAt(Instant.now()).build();
  }

  private static void sendCommand(TenantMigrationRequested command) {
    send(Topics.MIGRATION_COMMANDS.name(), command.getTenantId(),
        SERDES.valueSerializer(Topics.MIGRATION_COMMANDS).serialize(Topics.MIGRATION_COMMANDS.name(), command));
  }

  private static void send(String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static TenantMigrationProgress finalOf(TenantMigrationRequested command) {
    return PROGRESS.stream().filter(p -> p.getCommandId().equals(command.getEventId()))
        .filter(p -> p.getState() == MigrationState.SUCCEEDED || p.getState() == MigrationState.FAILED)
        .findFirst().orElse(null);
  }

  private static List<MigrationState> statesOf(TenantMigrationRequested command) {
    return PROGRESS.stream().filter(p -> p.getCommandId().equals(command.getEventId()))
        .map(TenantMigrationProgress::getState).toList();
  }

  private static void startProgressReader() {
    KafkaConsumer<String, TenantMigrationProgress> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueId("progress"),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
        new StringDeserializer(), SERDES.valueDeserializer(Topics.MIGRATION_PROGRESS));
    consumer.subscribe(List.of(Topics.MIGRATION_PROGRESS.name()));
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      consumer.poll(Duration.ofMillis(100));
      return !consumer.assignment().isEmpty();
    });
    progressReader = new Thread(() -> {
      try (consumer) {
        while (reading) {
          consumer.poll(Duration.ofMillis(100)).forEach(r -> PROGRESS.add(r.value()));
        }
      }
    }, "progress-reader");
    progressReader.setDaemon(true);
    progressReader.start();
  }

  private static TenantCatalogEntry catalogEntry(TenantPlacement tenant) {
    return TenantCatalogEntry.newBuilder().setEventId(UUID.randomUUID()).setVersion(1).setTenantId(tenant.tenantId())
        .setDisplayName(tenant.tenantId()).setTier(TenantTier.SMB).setTrack(ReleaseTrack.GENERAL)
        .setRegion(tenant.region()).setJurisdiction(tenant.region().startsWith("eu") ? "EU" : "US")
        .setCell(tenant.region() + "-1").setTenancy(TenancyModel.valueOf(tenant.model().name()))
        .setCluster(tenant.cluster()).setDatabase(tenant.database()).setSchema$(tenant.schema()).setOwner("team")
        .setStatus(TenantStatus.ACTIVE).setChangedAt(Instant.now()).build();
  }
}
