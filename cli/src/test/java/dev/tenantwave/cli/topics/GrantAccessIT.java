package dev.tenantwave.cli.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantwave.cli.Tw;
import dev.tenantwave.events.KafkaAccess;
import dev.tenantwave.events.KafkaClientSecurity;
import dev.tenantwave.testsupport.ChildProcess;
import dev.tenantwave.testsupport.TestInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** {@code tw topics grant} against the real broker, as compose's set-up container runs it. */
class GrantAccessIT {

  private static final TestInfra INFRA = TestInfra.get();

  @Test
  void shouldSetEachPrincipalsPasswordAndTheAclsSoTheNewPasswordWorksWithinItsRights() throws Exception {
    INFRA.createTopics();
    Map<String, String> environment = new HashMap<>(Map.of("TW_KAFKA_BOOTSTRAP", INFRA.kafkaBootstrap()));
    KafkaAccess.PRINCIPALS.forEach(p -> environment.put(KafkaAccess.passwordVariable(p), "rotated-" + p));

    ChildProcess.Completed grant = tw(environment, "topics", "grant");

    assertThat(grant.exitCode()).as(grant.output()).isZero();
    assertThat(grant.output()).contains("Granted tw-catalog, tw-orchestrator, tw-migration, tw-gate, tw-app,"
        + " tw-operator their passwords and " + KafkaAccess.acls().size() + " ACLs.");
    try (KafkaProducer<String, byte[]> app = producer("tw-app", "rotated-tw-app")) {
      app.send(new ProducerRecord<>("tenant.metrics.v1", "acme", new byte[] {1})).get();
      assertThatThrownBy(() -> app.send(new ProducerRecord<>("tenant.catalog.v1", "acme", new byte[] {1})).get())
          .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    try (KafkaProducer<String, byte[]> old = producer("tw-app", INFRA.kafkaPassword("tw-app"))) {
      assertThatThrownBy(() -> old.send(new ProducerRecord<>("tenant.metrics.v1", "acme", new byte[] {1})).get())
          .as("the password before the rotation").hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void shouldRefuseWithoutEveryPasswordAndNameTheMissingOnes() throws Exception {
    Map<String, String> environment = new HashMap<>(Map.of("TW_KAFKA_BOOTSTRAP", INFRA.kafkaBootstrap()));
    KafkaAccess.PRINCIPALS.forEach(p -> environment.put(KafkaAccess.passwordVariable(p), "pw-" + p));
    environment.remove("TW_KAFKA_GATE_PASSWORD");

    ChildProcess.Completed grant = tw(environment, "topics", "grant");

    assertThat(grant.exitCode()).isEqualTo(1);
    assertThat(grant.output()).contains("no password for TW_KAFKA_GATE_PASSWORD");
  }

  private static KafkaProducer<String, byte[]> producer(String principal, String password) {
    Map<String, Object> config = new HashMap<>(KafkaClientSecurity.settings(principal, password));
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaClientBootstrap());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  private static ChildProcess.Completed tw(Map<String, String> environment, String... args) throws Exception {
    Path log = Files.createTempFile("tw-grant-", ".log");
    List<String> command = new java.util.ArrayList<>(List.of(ChildProcess.java(), "-cp",
        System.getProperty("java.class.path"), Tw.class.getName()));
    command.addAll(List.of(args));
    return ChildProcess.execute("tw", command, environment, log, Duration.ofSeconds(60));
  }
}
