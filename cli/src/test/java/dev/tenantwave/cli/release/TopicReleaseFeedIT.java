package dev.tenantwave.cli.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.cli.Credentials;
import dev.tenantwave.cli.ServiceClient;
import dev.tenantwave.events.ReleaseState;
import dev.tenantwave.events.ReleaseStatus;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.TestInfra;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** {@code tw release watch} redraws when the release's status record arrives on the real topic, not on a timer. */
class TopicReleaseFeedIT {

  private static final TestInfra INFRA = TestInfra.get();

  @Test
  void shouldRedrawOnEachStatusRecordOfTheReleaseAndEndWhenItSettles() throws Exception {
    INFRA.createTopics();
    String id = "r-2024-05-crm";
    try (FakeOrchestrator orchestrator = new FakeOrchestrator()) {
      orchestrator.answer("GET", "/api/v1/releases/" + id, 200, Fixtures.json("release-running.json"))
          .answer("GET", "/api/v1/releases/" + id, 200, Fixtures.json("release-awaiting-contract.json"));
      RolloutClient client = new RolloutClient(new ServiceClient("rollout orchestrator", orchestrator.url(),
          role -> new Credentials("eve", "pw")));
      StringWriter out = new StringWriter();
      CompletableFuture<ReleaseWatch.Ending> watching = CompletableFuture.supplyAsync(() -> {
        try {
          return new ReleaseWatch(new TopicReleaseFeed(client, INFRA.kafkaBootstrap(), INFRA.registryUrl()),
              WatchDisplay.lines(new PrintWriter(out, true))).follow(id);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      await().atMost(Duration.ofSeconds(30)).until(() -> orchestrator.requests().size() == 1);

      try (KafkaProducer<String, ReleaseStatus> producer = new KafkaProducer<>(
          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap()), new StringSerializer(),
          EventSerdes.forRegistry(INFRA.registryUrl()).valueSerializer(Topics.RELEASE_STATUS))) {
        producer.send(new ProducerRecord<>(Topics.RELEASE_STATUS.name(), "another-release", status("another-release")));
        producer.send(new ProducerRecord<>(Topics.RELEASE_STATUS.name(), id, status(id))).get();
      }

      ReleaseWatch.Ending ending = watching.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(ending.exitCode()).isZero();
      assertThat(orchestrator.requests()).hasSize(2);
      assertThat(out.toString()).contains("RUNNING").contains("AWAITING_CONTRACT_APPROVAL");
    }
  }

  private static ReleaseStatus status(String releaseId) {
    return ReleaseStatus.newBuilder().setEventId(UUID.randomUUID()).setVersion(2).setReleaseId(releaseId)
        .setAppVersion("2.4.0").setState(ReleaseState.AWAITING_CONTRACT_APPROVAL).setRegions(List.of())
        .setTenantCounts(Map.of()).setUpdatedAt(Instant.now()).build();
  }
}
