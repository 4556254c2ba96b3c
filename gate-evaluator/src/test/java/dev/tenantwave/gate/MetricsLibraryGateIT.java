package dev.tenantwave.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.VerdictOutcome;
import dev.tenantwave.gate.judging.GateRules;
import dev.tenantwave.gate.topology.GateEvents;
import dev.tenantwave.metrics.TenantMetricsRecorder;
import dev.tenantwave.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The publisher library ({@code tenantwave-metrics}) and this gate, both as deployed, on the real broker and
 * registry: what a service records through the library is what the gate judges.
 */
class MetricsLibraryGateIT {

  private final TestInfra infra = TestInfra.get();
  private final GateClients clients = new GateClients(infra);

  @Test
  void shouldFailTheTenantWhoseNewVersionAnswersHalfItsRequestsWith5xx() throws Exception {
    infra.createTopics();
    String run = TestInfra.uniqueId("lib-gate").replace('_', '-');
    String bad = run + "-bad";
    String healthy = run + "-ok";
    String applicationId = TestInfra.uniqueId("tw_gate_lib_it");

    try (EmbeddedServer gate = ApplicationContext.run(EmbeddedServer.class, clients.serviceSettings(applicationId));
         KafkaProducer<String, TenantReleaseState> states = clients.producer(Topics.RELEASE_TENANT_STATE);
         KafkaConsumer<String, GateVerdict> verdicts = clients.verdictConsumer()) {
      // Given both tenants' healthy baseline on v1, recorded by the service through the library
      TenantMetricsRecorder v1 = recorder("v1");
      for (int i = 0; i < 200; i++) {
        v1.record(bad, 200, Duration.ofMillis(30 + i % 7));
        v1.record(healthy, 200, Duration.ofMillis(30 + i % 7));
      }
      v1.close();
      assertThat(v1.published()).isEqualTo(400);

      // And both switched to v2
      long switchedAt = System.currentTimeMillis();
      for (String tenant : List.of(bad, healthy)) {
        states.send(new ProducerRecord<>(Topics.RELEASE_TENANT_STATE.name(), null, switchedAt, tenant,
            GateEvents.switched(tenant, "r-lib", "v2", "v1", switchedAt, GateEvents.spec())));
      }
      states.flush();

      // When on v2 the bad tenant answers every other request with 503, and the healthy one keeps answering 200
      TenantMetricsRecorder v2 = recorder("v2");
      List<GateVerdict> seen = new ArrayList<>();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        for (int i = 0; i < 20; i++) {
          v2.record(bad, i % 2 == 0 ? 503 : 200, Duration.ofMillis(30 + i % 7));
          v2.record(healthy, 200, Duration.ofMillis(30 + i % 7));
        }
        verdicts.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
        assertThat(seen).anySatisfy(v -> assertThat(v.getTenantId()).isEqualTo(bad));
      });
      v2.close();
      assertThat(v2.publishFailures() + v2.droppedByBackpressure() + v2.droppedByCap()).isZero();

      // Then the gate failed it on its 5xx rate, judged on the library's counts
      GateVerdict fail = seen.stream().filter(v -> v.getTenantId().equals(bad)).findFirst().orElseThrow();
      assertThat(fail.getOutcome()).isEqualTo(VerdictOutcome.FAIL);
      assertThat(fail.getGate()).isEqualTo(GateRules.ERROR_RATE_5XX);
      assertThat(fail.getAppVersion()).isEqualTo("v2");
      assertThat(fail.getObserved()).isCloseTo(0.5, within(0.02));
      assertThat(fail.getSamples()).isGreaterThanOrEqualTo(50);

      // And once the gate has committed past every record, the healthy tenant has no verdict and no record of
      // either tenant was dead-lettered
      clients.awaitCommittedToEnd(applicationId, Topics.TENANT_METRICS.name());
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(() -> {
        var batch = verdicts.poll(Duration.ofMillis(500));
        batch.forEach(r -> seen.add(r.value()));
        return batch.isEmpty();
      });
      Set<String> judged = seen.stream().map(GateVerdict::getTenantId).filter(t -> t.startsWith(run))
          .collect(Collectors.toSet());
      assertThat(judged).containsExactly(bad);
      assertThat(deadLetteredKeys()).noneMatch(key -> key.startsWith(run));
    }
  }

  private TenantMetricsRecorder recorder(String appVersion) {
    return TenantMetricsRecorder.builder().bootstrapServers(infra.kafkaBootstrap()).registryUrl(infra.registryUrl())
        .service("crm-api").appVersion(appVersion).build();
  }

  private List<String> deadLetteredKeys() {
    String dlq = Topics.TENANT_METRICS.deadLetterTopic();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(dlq).stream()
          .map(p -> new TopicPartition(dlq, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<String> keys = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
      });
      return keys;
    }
  }
}
