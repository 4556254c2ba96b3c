package dev.tenantwave.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.TopicProvisioner;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.SecondKafka;
import dev.tenantwave.testsupport.TestInfra;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Kafka down, 500 changes, Kafka up: the writes all succeed meanwhile, every change then arrives in commit order per
 * tenant, and a CatalogView in another JVM converges to exactly the database's state.
 */
class OutboxRecoveryIT {

  private static final int CHANGES = 500;
  private static final int TENANTS = 40;

  @Test
  void shouldDeliverEveryChangeInOrderOnceKafkaIsBack() throws Exception {
    try (SecondKafka kafka = new SecondKafka();
         CatalogApp app = CatalogApp.start(Map.of("tenantwave.outbox.enabled", true,
             "tenantwave.outbox.bootstrap-servers", kafka.bootstrap(), "tenantwave.outbox.max-backoff", "1s"))) {
      app.seedTopology();
      Map<String, List<Long>> expectedVersions = makeChanges(app);
      assertThat(count(app, "SELECT count(*) FROM outbox WHERE published_at IS NULL"))
          .as("nothing published while Kafka is down").isEqualTo(CHANGES);

      kafka.start();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
        new TopicProvisioner(admin, (short) 1).provision();
      }
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
          assertThat(count(app, "SELECT count(*) FROM outbox WHERE published_at IS NULL")).isZero());

      Map<String, List<Long>> received = readAll(kafka.bootstrap());
      assertThat(received).isEqualTo(expectedVersions);

      try (ViewProcess view = new ViewProcess(kafka.bootstrap(), TestInfra.get().registryUrl())) {
        List<String> database = databaseState(app);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(view.dump()).isEqualTo(database));
      }
    }
  }

  /** Creates, updates, moves and deletes; returns per tenant the versions its events must carry, -1 = tombstone. */
  private static Map<String, List<Long>> makeChanges(CatalogApp app) {
    Random random = new Random(42);
    Map<String, List<Long>> expected = new LinkedHashMap<>();
    Map<String, Long> live = new HashMap<>();
    String[][] placements = {{"eu-west", "eu-west-1", "pg-eu-west-a"}, {"eu-west", "eu-west-2", "pg-eu-west-a"},
        {"eu-central", "eu-central-1", "pg-eu-central-a"}};
    for (int change = 0; change < CHANGES; change++) {
      String id = "rec-" + random.nextInt(TENANTS);
      String[] p = placements[random.nextInt(placements.length)];
      HttpResponse<String> response;
      long version;
      if (!live.containsKey(id)) {
        response = app.call("operator", "POST", "/api/v1/tenants", CatalogApp.tenantJson(id, p[0], p[1], p[2]));
        version = 1;
      } else if (random.nextInt(10) == 0) {
        response = app.call("operator", "DELETE", "/api/v1/tenants/" + id, null);
        version = -1;
      } else {
        response = app.call("operator", "PUT", "/api/v1/tenants/" + id, CatalogApp.tenantJson(id, p[0], p[1], p[2]),
            Map.of("If-Match", "\"" + live.get(id) + "\""));
        version = live.get(id) + 1;
      }
      assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
      if (version < 0) {
        live.remove(id);
      } else {
        live.put(id, version);
      }
      expected.computeIfAbsent(id, k -> new ArrayList<>()).add(version);
    }
    return expected;
  }

  private static Map<String, List<Long>> readAll(String bootstrap) {
    var deserializer = EventSerdes.forRegistry(TestInfra.get().registryUrl()).valueDeserializer(Topics.TENANT_CATALOG);
    Map<String, List<Long>> received = new LinkedHashMap<>();
    Set<UUID> seen = new HashSet<>();
    Map<String, Boolean> tombstoned = new HashMap<>();
    try (KafkaConsumer<String, TenantCatalogEntry> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), deserializer)) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.TENANT_CATALOG.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, TenantCatalogEntry> r : consumer.poll(Duration.ofMillis(200))) {
          // at-least-once: a redelivered event carries an eventId already seen, a redelivered tombstone follows one
          boolean redelivered = r.value() == null ? tombstoned.getOrDefault(r.key(), false)
              : !seen.add(r.value().getEventId());
          tombstoned.put(r.key(), r.value() == null);
          if (redelivered) {
            continue;
          }
          received.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value() == null ? -1 : r.value().getVersion());
        }
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
      });
    }
    return received;
  }

  private static List<String> databaseState(CatalogApp app) throws Exception {
    List<String> rows = new ArrayList<>();
    try (var c = app.db(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, version, cell, cluster FROM tenants ORDER BY id")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
      }
    }
    return rows;
  }

  private static long count(CatalogApp app, String sql) throws Exception {
    try (var c = app.db(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
