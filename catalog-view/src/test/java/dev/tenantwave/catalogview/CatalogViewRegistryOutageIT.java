package dev.tenantwave.catalogview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.TcpProxy;
import dev.tenantwave.testsupport.TestInfra;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A view started while the schema registry is out of reach waits at the first record it cannot decode — not
 * ready, lag shown, nothing skipped — and gets every tenant once the registry answers again.
 */
class CatalogViewRegistryOutageIT {

  private final TestInfra infra = TestInfra.get();

  @Test
  void shouldPauseWhileTheRegistryIsOutAndGetTheTenantOnceItIsBack() throws Exception {
    String topic = TestInfra.uniqueId("catalog-outage").replace('_', '-');
    try (Admin admin = infra.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
    }
    URI registry = URI.create(infra.registryUrl());
    String first = TestInfra.uniqueId("before-outage").replace('_', '-');
    String second = TestInfra.uniqueId("during-outage").replace('_', '-');
    Serializer<TenantCatalogEntry> serializer =
        EventSerdes.forRegistry(infra.registryUrl()).valueSerializer(Topics.TENANT_CATALOG);

    try (TcpProxy proxy = TcpProxy.start(registry.getHost(), registry.getPort());
         KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
             Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap()),
             new StringSerializer(), new ByteArraySerializer())) {
      send(producer, serializer, topic, CatalogViewIT.entry(first, 1, "eu-west-1"));
      RecordHeaders secondHeaders = new RecordHeaders();
      byte[] secondValue = serializer.serialize(topic, secondHeaders, CatalogViewIT.entry(second, 1, "eu-west-2"));

      // Given the registry out of reach for the view
      proxy.cut();
      String proxied = "http://" + registry.getHost() + ":" + proxy.port() + registry.getRawPath();
      try (CatalogView view = CatalogView.start(infra.kafkaBootstrap(),
          EventSerdes.forRegistry(proxied).valueDeserializer(Topics.TENANT_CATALOG), topic, Map.of())) {
        // When a tenant is published during the outage too
        producer.send(new ProducerRecord<>(topic, null, second, secondValue, secondHeaders)).get();

        // Then the view waits (well past the 600 ms after which it used to skip), not ready, lag shown
        await().atMost(Duration.ofSeconds(30)).until(view::isWaitingForRegistry);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
          assertThat(view.isReady()).as("ready during a registry outage").isFalse();
          assertThat(view.skippedCount()).as("skipped").isZero();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> view.lag() >= 1);

        // And once the registry answers again it has both tenants, skipping nothing
        proxy.open();
        assertThat(view.awaitReady(Duration.ofSeconds(60))).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          assertThat(view.find(first)).isPresent();
          assertThat(view.find(second)).isPresent();
        });
        assertThat(view.skippedCount()).isZero();
        assertThat(view.isWaitingForRegistry()).isFalse();
        assertThat(view.registryWaitCount()).isPositive();
      }
    }
  }

  private static void send(KafkaProducer<String, byte[]> producer, Serializer<TenantCatalogEntry> serializer,
      String topic, TenantCatalogEntry entry) throws Exception {
    RecordHeaders headers = new RecordHeaders();
    byte[] value = serializer.serialize(topic, headers, entry);
    producer.send(new ProducerRecord<>(topic, null, entry.getTenantId(), value, headers)).get();
  }
}
