package dev.tenantwave.catalogview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.SampleEvents;
import dev.tenantwave.testsupport.TestInfra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogViewIT {

  static TestInfra infra;
  static KafkaProducer<String, TenantCatalogEntry> producer;
  static KafkaProducer<String, byte[]> rawProducer;

  @BeforeAll
  static void start() {
    infra = TestInfra.get();
    infra.createTopics();
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
    producer = new KafkaProducer<>(config, new StringSerializer(),
        EventSerdes.forRegistry(infra.registryUrl()).valueSerializer(Topics.TENANT_CATALOG));
    rawProducer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  @AfterAll
  static void stop() {
    producer.close();
    rawProducer.close();
  }

  @Test
  void shouldBootstrapFromTheCompactedTopicWithoutDeletedTenants() throws Exception {
    String kept = TestInfra.uniqueId("kept").replace('_', '-');
    String deleted = TestInfra.uniqueId("deleted").replace('_', '-');
    send(entry(kept, 1, "eu-west-1"));
    send(entry(kept, 2, "eu-west-2"));
    send(entry(deleted, 1, "eu-west-1"));
    tombstone(deleted);

    try (CatalogView view = CatalogView.start(infra.kafkaBootstrap(), infra.registryUrl())) {
      assertThat(view.awaitReady(Duration.ofSeconds(60))).isTrue();
      assertThat(view.find(kept)).as("kept tenant (%d records skipped)", view.skippedCount())
          .hasValueSatisfying(entry -> {
            assertThat(entry.getCell()).isEqualTo("eu-west-2");
            assertThat(entry.getVersion()).isEqualTo(2);
          });
      assertThat(view.find(deleted)).isEmpty();
      await().atMost(Duration.ofSeconds(10)).until(() -> view.lag() == 0);
    }
  }

  @Test
  void shouldFollowChangesTellListenersAndIgnoreRedeliveriesAndPoison() throws Exception {
    String tenant = TestInfra.uniqueId("follow").replace('_', '-');
    try (CatalogView view = CatalogView.start(infra.kafkaBootstrap(), infra.registryUrl())) {
      assertThat(view.awaitReady(Duration.ofSeconds(60))).isTrue();
      List<String> changes = new CopyOnWriteArrayList<>();
      view.addListener((id, before, after) -> {
        if (id.equals(tenant)) {
          changes.add((before == null ? "-" : before.getVersion()) + ">" + (after == null ? "-" : after.getVersion()));
        }
      });

      TenantCatalogEntry v1 = entry(tenant, 1, "eu-west-1");
      send(v1);
      rawProducer.send(new ProducerRecord<>(Topics.TENANT_CATALOG.name(), tenant, new byte[] {0, 0, 0, 0, 42, 1})).get();
      send(entry(tenant, 2, "eu-west-2"));
      send(v1);                                   // an older event, redelivered
      tombstone(tenant);
      send(entry(tenant, 1, "eu-central-1"));      // re-created

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(changes).containsExactly("->1", "1>2", "2>-", "->1"));
      assertThat(view.get(tenant).getCell()).isEqualTo("eu-central-1");
      assertThat(view.skippedCount()).isGreaterThanOrEqualTo(1);
      await().atMost(Duration.ofSeconds(10)).until(() -> view.lag() == 0);
    }
  }

  /** What a caller asks for a tenant created a moment ago: is the view past everything the topic holds now? */
  @Test
  void shouldCatchUpWithWhatTheTopicHoldsWhenAsked() throws Exception {
    String tenant = TestInfra.uniqueId("recent").replace('_', '-');
    CatalogView closedView;
    try (CatalogView view = CatalogView.start(infra.kafkaBootstrap(), infra.registryUrl())) {
      assertThat(view.awaitReady(Duration.ofSeconds(60))).isTrue();
      send(entry(tenant, 1, "eu-west-1"));

      assertThat(view.caughtUp()).succeedsWithin(Duration.ofSeconds(30));
      assertThat(view.find(tenant)).as("applied once the view has caught up").isPresent();
      closedView = view;
    }
    assertThat(closedView.caughtUp()).failsWithin(Duration.ofSeconds(10));
  }

  /** A service may start before the topics are provisioned: its view waits for the topic instead of stopping. */
  @Test
  void shouldWaitForItsTopicToExistAndThenRead() throws Exception {
    String topic = TestInfra.uniqueId("catalog-later");
    String tenant = TestInfra.uniqueId("later").replace('_', '-');
    try (CatalogView view = CatalogView.start(infra.kafkaBootstrap(),
        EventSerdes.forRegistry(infra.registryUrl()).valueDeserializer(Topics.TENANT_CATALOG), topic, Map.of())) {
      await("not ready while the topic is missing").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
          .until(() -> !view.isReady());

      try (Admin admin = infra.admin()) {
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
      }
      producer.send(new ProducerRecord<>(topic, tenant, entry(tenant, 1, "eu-west-1"))).get();

      assertThat(view.awaitReady(Duration.ofSeconds(30))).as("ready once the topic exists").isTrue();
      await().atMost(Duration.ofSeconds(30)).until(() -> view.find(tenant).isPresent());
    }
  }

  /** Waits for the broker's acknowledgement, so that a failed send fails the test where it happened. */
  private static void send(TenantCatalogEntry entry) throws Exception {
    producer.send(new ProducerRecord<>(Topics.TENANT_CATALOG.name(), entry.getTenantId(), entry)).get();
  }

  private static void tombstone(String tenantId) throws Exception {
    producer.send(new ProducerRecord<>(Topics.TENANT_CATALOG.name(), tenantId, null)).get();
  }

  static TenantCatalogEntry entry(String tenantId, long version, String cell) {
    return TenantCatalogEntry.newBuilder(SampleEvents.catalogEntry()).setEventId(UUID.randomUUID())
        .setTenantId(tenantId).setVersion(version).setCell(cell).build();
  }
}
