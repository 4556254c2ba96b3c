package dev.tenantwave.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.events.Topic;
import dev.tenantwave.events.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class InfrastructureIT {

  private final TestInfra infra = TestInfra.get();

  @Test
  void createsEveryContractTopicWithItsDeadLetterTopicAndCleanupPolicy() throws Exception {
    infra.createTopics();
    try (var admin = infra.admin()) {
      Set<String> names = admin.listTopics().names().get();
      for (Topic<?> topic : Topics.all()) {
        assertThat(names).contains(topic.name(), topic.deadLetterTopic());
      }
      var catalog = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TENANT_CATALOG.name());
      var metrics = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TENANT_METRICS.name());
      var windows = new ConfigResource(ConfigResource.Type.TOPIC, Topics.GATE_WINDOWS.name());
      var configs = admin.describeConfigs(List.of(catalog, metrics, windows)).all().get();
      assertThat(configs.get(catalog).get("cleanup.policy").value()).isEqualTo("compact");
      assertThat(configs.get(metrics).get("cleanup.policy").value()).isEqualTo("delete");
      assertThat(configs.get(windows).get("retention.ms").value()).as("the gate's windows are kept a day")
          .isEqualTo(String.valueOf(Duration.ofDays(1).toMillis()));
      assertThat(admin.describeTopics(List.of(Topics.TENANT_METRICS.name())).allTopicNames().get()
          .get(Topics.TENANT_METRICS.name()).partitions()).hasSize(Topics.TENANT_METRICS.partitions());
    }
  }

  @Test
  void brokerCarriesRecordsFromProducerToConsumer() throws Exception {
    String topic = TestInfra.uniqueId("roundtrip");
    try (var admin = infra.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap()), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "acme-eu", "hello")).get();
    }
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueId("group"),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<String> values = new java.util.ArrayList<>();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.key() + "=" + r.value()));
        return !values.isEmpty();
      });
      assertThat(values).containsExactly("acme-eu=hello");
    }
  }

  @Test
  void registryServesTheConfluentApiAndRequiresBackwardCompatibility() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> subjects = http.send(HttpRequest.newBuilder(
        URI.create(infra.registryUrl() + "/apis/ccompat/v7/subjects")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(subjects.statusCode()).isEqualTo(200);
    assertThat(subjects.body()).startsWith("[");
    HttpResponse<String> rule = http.send(HttpRequest.newBuilder(
        URI.create(infra.registryUrl() + "/apis/registry/v3/admin/rules/COMPATIBILITY")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(rule.statusCode()).isEqualTo(200);
    assertThat(rule.body()).contains("\"config\":\"BACKWARD\"");
  }

  @Test
  void createsDatabasesIdempotentlyAndConnectsToThem() throws Exception {
    String name = TestInfra.uniqueId("tw_test");
    String url = infra.postgres().createDatabase(name);
    assertThat(infra.postgres().createDatabase(name)).isEqualTo(url);
    try (var connection = DriverManager.getConnection(url, infra.postgres().user(), infra.postgres().password());
         var rs = connection.createStatement().executeQuery("SELECT current_database(), current_setting('server_version_num')::int")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(name);
      assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(170000);
    }
  }

  @Test
  void uniqueIdsAreValidDatabaseNamesAndDoNotRepeat() {
    Set<String> ids = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> TestInfra.uniqueId("tw_x"))
        .collect(Collectors.toSet());
    assertThat(ids).hasSize(1000).allMatch(id -> id.matches("tw_x_[0-9a-f]{8}"));
  }
}
