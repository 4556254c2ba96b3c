package dev.tenantwave.testsupport;

import dev.tenantwave.events.KafkaAccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kafka authenticates every client (SASL/SCRAM) and lets each principal do only its own job (ACLs). */
class KafkaAccessIT {

  private static final TestInfra INFRA = TestInfra.get();

  @BeforeAll
  static void topics() {
    INFRA.createTopics();
  }

  @Test
  void shouldRefuseAClientWithoutCredentials() {
    try (Admin anonymous = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        INFRA.kafkaClientBootstrap(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000))) {
      assertThatThrownBy(() -> anonymous.listTopics().names().get(10, TimeUnit.SECONDS)).isNotNull();
    }
  }

  @Test
  void shouldRefuseAWrongPassword() {
    Map<String, Object> config = new HashMap<>(INFRA.kafkaClientConfig(KafkaAccess.APP));
    config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
        + " username=\"" + KafkaAccess.APP + "\" password=\"guessed\";");
    try (Admin impostor = Admin.create(config)) {
      assertThatThrownBy(() -> impostor.listTopics().names().get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void shouldRefuseAnApplicationServiceWritingTheCatalog() {
    try (KafkaProducer<String, String> app = producer(KafkaAccess.APP)) {
      assertThatThrownBy(() -> app.send(new ProducerRecord<>(Topics.TENANT_CATALOG.name(), "acme", "spoofed"))
          .get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void shouldLetEachPrincipalWriteOnlyItsOwnTopics() throws Exception {
    try (KafkaProducer<String, String> app = producer(KafkaAccess.APP)) {
      assertThat(app.send(new ProducerRecord<>(Topics.TENANT_METRICS.name(), "acme", "not avro, dead-lettered"))
          .get(30, TimeUnit.SECONDS).hasOffset()).isTrue();
    }
    try (KafkaProducer<String, String> catalog = producer(KafkaAccess.CATALOG)) {
      assertThat(catalog.partitionsFor(Topics.TENANT_CATALOG.name())).isNotEmpty();
      assertThatThrownBy(() -> catalog.send(new ProducerRecord<>(Topics.TENANT_METRICS.name(), "acme", "x"))
          .get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    try (KafkaProducer<String, String> gate = producer(KafkaAccess.GATE)) {
      assertThat(gate.send(new ProducerRecord<>(Topics.GATE_WINDOWS.name(), "acme", "not avro, skipped by readers"))
          .get(30, TimeUnit.SECONDS).hasOffset()).isTrue();
    }
    try (KafkaConsumer<String, String> console = consumer(KafkaAccess.ORCHESTRATOR)) {
      List<TopicPartition> partitions = console.partitionsFor(Topics.GATE_WINDOWS.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      console.assign(partitions); // as the console's feed reads it: every partition, no group
      console.seekToBeginning(partitions);
      await().atMost(Duration.ofSeconds(30)).until(() -> !console.poll(Duration.ofMillis(200)).isEmpty());
    }
    try (KafkaProducer<String, String> app = producer(KafkaAccess.APP)) {
      assertThatThrownBy(() -> app.send(new ProducerRecord<>(Topics.GATE_WINDOWS.name(), "acme", "spoofed"))
          .get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    try (KafkaProducer<String, String> operator = producer(KafkaAccess.OPERATOR)) {
      assertThatThrownBy(() -> operator.send(new ProducerRecord<>(Topics.MIGRATION_COMMANDS.name(), "acme", "x"))
          .get(30, TimeUnit.SECONDS)).cause().isInstanceOf(AuthorizationException.class); // may write nothing at all
    }
  }

  private static KafkaConsumer<String, String> consumer(String principal) {
    Map<String, Object> config = new HashMap<>(INFRA.kafkaClientConfig(principal));
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  private static KafkaProducer<String, String> producer(String principal) {
    Map<String, Object> config = new HashMap<>(INFRA.kafkaClientConfig(principal));
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(20).toMillis());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }
}
