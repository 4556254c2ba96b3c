package dev.tenantwave.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.SampleEvents;
import dev.tenantwave.testsupport.TestInfra;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox against real PostgreSQL, Kafka and registry: what a rolled-back transaction appended never reaches
 * Kafka, what a committed one appended arrives in order and decodes, with the Apicurio deserializer a plain consumer
 * uses, as its topic's class; and of two relays on one database only one publishes until it closes.
 */
class OutboxRelayIT {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final long LEADER_LOCK = 0x7477_6974L; // advisory locks are per database, and each test has its own

  private static TestInfra infra;
  private final Outbox outbox = new Outbox();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private MessagingDatabase database;
  private String run;

  @BeforeAll
  static void startInfrastructure() {
    infra = TestInfra.get();
    infra.createTopics();
  }

  @BeforeEach
  void freshDatabase() throws Exception {
    database = MessagingDatabase.create();
    run = TestInfra.uniqueId("t").replace('_', '-');
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    database.close();
  }

  @Test
  void shouldPublishOnlyWhatCommittedInAppendOrderAsTheTopicsClass() throws Exception {
    OutboxRelay relay = relay("tw-outbox-it-" + run, new SimpleMeterRegistry());
    relay.start();
    String tenant = run + "-acme";

    database.inTransaction(false, c -> outbox.append(c, List.of(catalogEntry(tenant, 99), catalogEntry(tenant, 98))));
    database.inTransaction(true, c -> outbox.append(c, List.of(catalogEntry(tenant, 1), catalogEntry(tenant, 2),
        OutboxMessage.of(Topics.RELEASE_TENANT_STATE, tenant, tenantState(tenant, 7)))));
    database.inTransaction(true, c -> outbox.append(c, List.of(catalogEntry(tenant, 3),
        OutboxMessage.tombstone(Topics.TENANT_CATALOG, tenant))));

    List<ConsumerRecord<String, SpecificRecord>> catalog = read(Topics.TENANT_CATALOG.name(), tenant, 4);
    assertThat(catalog).extracting(r -> r.value() == null ? -1L : ((TenantCatalogEntry) r.value()).getVersion())
        .as("committed versions in append order, the tombstone last, nothing of the rolled-back transaction")
        .containsExactly(1L, 2L, 3L, -1L);
    assertThat(read(Topics.RELEASE_TENANT_STATE.name(), tenant, 1)).singleElement()
        .satisfies(r -> assertThat(r.value()).isInstanceOf(TenantReleaseState.class)
            .extracting(v -> ((TenantReleaseState) v).getVersion()).isEqualTo(7L));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(database.count("SELECT count(*) FROM outbox WHERE published_at IS NULL")).isZero();
      assertThat(relay.pending()).isZero();
    });
    assertThat(database.count("SELECT count(*) FROM outbox")).as("the rolled-back rows were never written")
        .isEqualTo(5);
  }

  @Test
  void shouldRefuseAValueOfAnotherTopicsTypeBeforeWritingAnything() throws Exception {
    String tenant = run + "-wrong";
    assertThatThrownBy(() -> database.inTransaction(true, c -> outbox.append(c, List.of(catalogEntry(tenant, 1),
        new OutboxMessage(Topics.TENANT_CATALOG.name(), tenant, tenantState(tenant, 1))))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TenantCatalogEntry");
    assertThatThrownBy(() -> database.inTransaction(true, c -> outbox.append(c,
        List.of(new OutboxMessage("no.such.topic.v1", tenant, null)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown topic");
    assertThat(database.count("SELECT count(*) FROM outbox")).isZero();
  }

  @Test
  void shouldPublishFromOneRelayAtATimeAndFailOverWhenItCloses() throws Exception {
    String transactionalId = "tw-outbox-it-" + run;
    SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
    SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
    OutboxRelay first = relay(transactionalId, firstMeters);
    first.start();
    String tenant = run + "-failover";
    database.inTransaction(true, c -> outbox.append(c, List.of(catalogEntry(tenant, 1))));
    await().atMost(Duration.ofSeconds(30)).until(() -> published(firstMeters) == 1);

    OutboxRelay second = relay(transactionalId, secondMeters);
    second.start();
    for (long version = 2; version <= 6; version++) {
      long v = version;
      database.inTransaction(true, c -> outbox.append(c, List.of(catalogEntry(tenant, v))));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> published(firstMeters) == 6);
    assertThat(published(secondMeters)).as("the standby published nothing while the leader ran").isZero();

    first.close();
    database.inTransaction(true, c -> outbox.append(c, List.of(catalogEntry(tenant, 7), catalogEntry(tenant, 8))));
    await().atMost(Duration.ofSeconds(30)).until(() -> published(secondMeters) == 2);

    assertThat(read(Topics.TENANT_CATALOG.name(), tenant, 8))
        .extracting(r -> ((TenantCatalogEntry) r.value()).getVersion())
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
  }

  private OutboxRelay relay(String transactionalId, SimpleMeterRegistry meters) {
    HikariDataSource pool = database.newPool();
    resources.add(pool);
    OutboxRelay relay = new OutboxRelay(pool, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap()),
        infra.registryUrl(), new OutboxRelaySettings(transactionalId, LEADER_LOCK, 100, POLL, Duration.ofSeconds(1)),
        meters);
    resources.add(relay);
    return relay;
  }

  private static double published(SimpleMeterRegistry meters) {
    var counter = meters.find("tenantwave.outbox.published").counter();
    return counter == null ? 0 : counter.count();
  }

  private static OutboxMessage catalogEntry(String tenant, long version) {
    return OutboxMessage.of(Topics.TENANT_CATALOG, tenant, TenantCatalogEntry.newBuilder(SampleEvents.catalogEntry())
        .setEventId(UUID.randomUUID()).setTenantId(tenant).setVersion(version).build());
  }

  private static TenantReleaseState tenantState(String tenant, long version) {
    return TenantReleaseState.newBuilder(SampleEvents.tenantState())
        .setEventId(UUID.randomUUID()).setTenantId(tenant).setVersion(version).build();
  }

  /**
   * The first {@code expected} records of {@code key} that a plain read_committed consumer with the registry's
   * deserializer sees, in order: a duplicate or a record that should not be there would be among them.
   */
  private static List<ConsumerRecord<String, SpecificRecord>> read(String topic, String key, int expected) {
    Map<String, Object> config = new HashMap<>(EventSerdes.forRegistry(infra.registryUrl()).consumerValueConfig());
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueId("outbox-it"));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<ConsumerRecord<String, SpecificRecord>> received = new ArrayList<>();
    try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, SpecificRecord> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.key().equals(key)) {
            received.add(r);
          }
        }
        return received.size() >= expected;
      });
    }
    return received;
  }
}
