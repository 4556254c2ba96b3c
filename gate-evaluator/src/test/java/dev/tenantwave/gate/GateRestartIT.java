package dev.tenantwave.gate;

import static dev.tenantwave.gate.GateClients.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.VerdictOutcome;
import dev.tenantwave.gate.topology.GateEvents;
import dev.tenantwave.testsupport.ChildProcess;
import dev.tenantwave.testsupport.LocalStack;
import dev.tenantwave.testsupport.TestInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A gate instance killed with kill -9 and started again judges within seconds: as a static member of its group it
 * takes its partitions back at once instead of waiting out the dead member's session. Prints the measured
 * restart-to-first-verdict; {@code -Dgate.restart.baseline=true} measures the old settings (dynamic membership,
 * Kafka's 45 s session) for comparison.
 */
class GateRestartIT {

  private static final boolean BASELINE = Boolean.getBoolean("gate.restart.baseline");

  private final TestInfra infra = TestInfra.get();
  private final GateClients clients = new GateClients(infra);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldJudgeWithinSecondsOfARestartAfterKill9() throws Exception {
    infra.createTopics();
    String applicationId = TestInfra.uniqueId("tw_gate_restart");
    int port = LocalStack.freePort();
    Path stateDir = Files.createTempDirectory("gate-restart");
    try (KafkaProducer<String, TenantReleaseState> states = clients.producer(Topics.RELEASE_TENANT_STATE);
         KafkaProducer<String, TenantRequestMetrics> metrics = clients.producer(Topics.TENANT_METRICS);
         KafkaConsumer<String, GateVerdict> verdicts = clients.verdictConsumer()) {
      List<GateVerdict> seen = new ArrayList<>();
      try (ChildProcess first = startGate("gate-restart-1", applicationId, port, stateDir)) {
        awaitHealthy(first, port, Duration.ofSeconds(120));
        sendBadTenant(states, metrics, applicationId + "-warm");
        awaitFail(verdicts, seen, applicationId + "-warm", Duration.ofSeconds(60));
        first.kill();
      }

      long restarted = System.nanoTime();
      try (ChildProcess second = startGate("gate-restart-2", applicationId, port, stateDir)) {
        sendBadTenant(states, metrics, applicationId + "-after");
        awaitHealthy(second, port, Duration.ofSeconds(120));
        long healthy = System.nanoTime();
        awaitFail(verdicts, seen, applicationId + "-after", Duration.ofSeconds(120));
        long judged = System.nanoTime();
        long toHealthy = Duration.ofNanos(healthy - restarted).toMillis();
        long toVerdict = Duration.ofNanos(judged - restarted).toMillis();
        System.out.printf("GATE RESTART (%s): process start to healthy %d ms, to first verdict %d ms%n",
            BASELINE ? "baseline: dynamic membership, 45 s session" : "static membership, 10 s session",
            toHealthy, toVerdict);
        if (!BASELINE) {
          assertThat(toVerdict).as("restart to first verdict, ms").isLessThan(20_000);
        }
      }
    }
  }

  private ChildProcess startGate(String name, String applicationId, int port, Path stateDir) {
    Path jar = Path.of("target", "gate-evaluator-0.1.0-SNAPSHOT.jar");
    assertThat(jar).as("run in the verify phase").exists();
    Map<String, String> env = new HashMap<>(Map.of(
        "TW_KAFKA_BOOTSTRAP", infra.kafkaBootstrap(), "TW_REGISTRY_URL", infra.registryUrl(),
        "TW_GATE_APPLICATION_ID", applicationId, "TW_GATE_PORT", String.valueOf(port)));
    if (BASELINE) {
      env.put("TW_KAFKA_STATIC_MEMBERSHIP", "false");
      env.put("TW_KAFKA_SESSION_TIMEOUT", "45s");
    }
    return ChildProcess.start(name, List.of(ChildProcess.java(), "-Xmx384m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Dtenantwave.gate.state-dir=" + stateDir,
        "-Dtenantwave.gate.commit-interval=100ms", "-jar", jar.toString()), env,
        Path.of("target", "processes", name + ".log"));
  }

  private void awaitHealthy(ChildProcess process, int port, Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
      process.requireAlive();
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
      } catch (java.io.IOException notListeningYet) {
        return false;
      }
    });
  }

  private static void sendBadTenant(KafkaProducer<String, TenantReleaseState> states,
      KafkaProducer<String, TenantRequestMetrics> metrics, String tenant) {
    long now = System.currentTimeMillis();
    states.send(new ProducerRecord<>(Topics.RELEASE_TENANT_STATE.name(), null, now - 1000, tenant,
        GateEvents.switched(tenant, "r-restart", "v2", "v1", now - 1000, GateEvents.spec())));
    states.flush();
    metrics.send(record(GateEvents.metrics(tenant, "v2", now, 200, 60, 0, 35.0)));
    metrics.flush();
  }

  private static void awaitFail(KafkaConsumer<String, GateVerdict> verdicts, List<GateVerdict> seen, String tenant,
      Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ZERO).untilAsserted(() -> {
      verdicts.poll(Duration.ofMillis(100)).forEach(r -> seen.add(r.value()));
      assertThat(seen).anySatisfy(v -> {
        assertThat(v.getTenantId()).isEqualTo(tenant);
        assertThat(v.getOutcome()).isEqualTo(VerdictOutcome.FAIL);
      });
    });
  }
}
