package dev.tenantwave.gate;

import static dev.tenantwave.gate.GateClients.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.VerdictOutcome;
import dev.tenantwave.gate.judging.GateRules;
import dev.tenantwave.gate.topology.GateEvents;
import dev.tenantwave.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The gate evaluator as deployed: Micronaut, Kafka Streams with exactly-once v2, the real broker and registry. */
class GateEvaluatorIT {

  private final TestInfra infra = TestInfra.get();
  private final GateClients clients = new GateClients(infra);

  @Test
  void shouldPublishTheBadTenantsFailWhileHealthyTenantsStayQuiet() throws Exception {
    infra.createTopics();
    String run = TestInfra.uniqueId("gate").replace('_', '-');
    String bad = run + "-bad";
    List<String> healthy = IntStream.range(0, 5).mapToObj(i -> run + "-ok-" + i).toList();
    String applicationId = TestInfra.uniqueId("tw_gate_it");

    try (EmbeddedServer gate = ApplicationContext.run(EmbeddedServer.class, clients.serviceSettings(applicationId));
         KafkaProducer<String, TenantReleaseState> states = clients.producer(Topics.RELEASE_TENANT_STATE);
         KafkaProducer<String, TenantRequestMetrics> metrics = clients.producer(Topics.TENANT_METRICS);
         KafkaConsumer<String, GateVerdict> verdicts = clients.verdictConsumer()) {
      // Given six tenants switched to v2 a second ago
      long now = System.currentTimeMillis();
      for (String tenant : concat(bad, healthy)) {
        states.send(new ProducerRecord<>(Topics.RELEASE_TENANT_STATE.name(), null, now - 1000, tenant,
            GateEvents.switched(tenant, "r-it", "v2", "v1", now - 1000, GateEvents.spec())));
      }
      states.flush();

      // When the healthy ones serve 200 clean requests on v2 and the bad one answers 30 % with 5xx
      for (String tenant : healthy) {
        metrics.send(record(GateEvents.metrics(tenant, "v2", now, 200, 0, 0, 35.0)));
      }
      metrics.send(record(GateEvents.metrics(bad, "v2", now, 200, 60, 0, 35.0)));
      metrics.flush();

      // Then the bad tenant's FAIL is on gate.verdicts.v1
      List<GateVerdict> seen = new ArrayList<>();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        verdicts.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
        assertThat(seen).anySatisfy(v -> assertThat(v.getTenantId()).isEqualTo(bad));
      });
      GateVerdict fail = seen.stream().filter(v -> v.getTenantId().equals(bad)).findFirst().orElseThrow();
      assertThat(fail.getOutcome()).isEqualTo(VerdictOutcome.FAIL);
      assertThat(fail.getGate()).isEqualTo(GateRules.ERROR_RATE_5XX);
      assertThat(fail.getObserved()).isEqualTo(0.3);
      assertThat(fail.getSamples()).isEqualTo(200);

      // And once the gate has committed past every metric record, no other tenant of this run has a verdict
      awaitCommittedToEnd(applicationId);
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(() -> {
        var batch = verdicts.poll(Duration.ofMillis(500));
        batch.forEach(r -> seen.add(r.value()));
        return batch.isEmpty();
      });
      Set<String> judged = seen.stream().map(GateVerdict::getTenantId).filter(t -> t.startsWith(run))
          .collect(Collectors.toSet());
      assertThat(judged).containsExactly(bad);
    }
  }

  @Test
  void shouldRestoreAnOpenWindowFromItsChangelogAfterARestart() throws Exception {
    infra.createTopics();
    String tenant = TestInfra.uniqueId("gate-restore").replace('_', '-');
    String applicationId = TestInfra.uniqueId("tw_gate_restore_it");
    long windowStart = (System.currentTimeMillis() / 10_000 + 1) * 10_000;
    try (KafkaProducer<String, TenantReleaseState> states = clients.producer(Topics.RELEASE_TENANT_STATE);
         KafkaProducer<String, TenantRequestMetrics> metrics = clients.producer(Topics.TENANT_METRICS);
         KafkaConsumer<String, GateVerdict> verdicts = clients.verdictConsumer()) {
      // Given a gate that judged a tenant's first 30 requests on v2, 15 of them 5xx (below the 50 it needs), and
      // committed
      states.send(new ProducerRecord<>(Topics.RELEASE_TENANT_STATE.name(), null, windowStart - 1000, tenant,
          GateEvents.switched(tenant, "r-restore", "v2", "v1", windowStart - 1000, GateEvents.spec()))).get();
      KafkaStreams first = clients.streams(applicationId);
      try {
        first.start();
        clients.awaitCommittedToEnd(applicationId, Topics.RELEASE_TENANT_STATE.name());
        metrics.send(record(GateEvents.metrics(tenant, "v2", windowStart + 1000, 30, 15, 0, 35.0))).get();
        clients.awaitCommittedToEnd(applicationId, Topics.TENANT_METRICS.name());
      } finally {
        // leaving the group lets the next instance take every partition at once
        first.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
      }

      // When a new instance, with an empty state directory, gets 30 more clean requests of the same window
      try (KafkaStreams second = clients.streams(applicationId)) {
        second.start();
        metrics.send(record(GateEvents.metrics(tenant, "v2", windowStart + 2000, 30, 0, 0, 35.0))).get();

        // Then it fails the tenant on all 60 requests: the open window came back from its changelog
        List<GateVerdict> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          verdicts.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
          assertThat(seen).anySatisfy(v -> assertThat(v.getTenantId()).isEqualTo(tenant));
        });
        GateVerdict fail = seen.stream().filter(v -> v.getTenantId().equals(tenant)).findFirst().orElseThrow();
        assertThat(fail.getOutcome()).isEqualTo(VerdictOutcome.FAIL);
        assertThat(fail.getSamples()).isEqualTo(60);
        assertThat(fail.getObserved()).isEqualTo(0.25);
      }
    }
  }

  private void awaitCommittedToEnd(String groupId) {
    clients.awaitCommittedToEnd(groupId, Topics.TENANT_METRICS.name());
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>(rest);
    all.add(0, first);
    return all;
  }
}
