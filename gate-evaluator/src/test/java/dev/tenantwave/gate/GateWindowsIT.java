package dev.tenantwave.gate;

import static dev.tenantwave.gate.GateClients.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.GateSpec;
import dev.tenantwave.events.GateWindow;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topics;
import dev.tenantwave.gate.topology.GateEvents;
import dev.tenantwave.testsupport.TestInfra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/** The gate's streams on the real broker and registry publish a judged tenant's closed windows on gate.windows.v1. */
class GateWindowsIT {

  private static final long WINDOW_MILLIS = 5_000;

  private final TestInfra infra = TestInfra.get();
  private final GateClients clients = new GateClients(infra);

  @Test
  void shouldPublishEachClosedWindowOfAJudgedTenantAndNoneOfATenantInNoRelease() throws Exception {
    infra.createTopics();
    String run = TestInfra.uniqueId("gate-windows").replace('_', '-');
    String judged = run + "-judged";
    String idle = run + "-idle";
    String applicationId = TestInfra.uniqueId("tw_gate_windows_it");
    GateSpec spec = GateEvents.specBuilder().setWindowSeconds((int) (WINDOW_MILLIS / 1000)).setMaxP95Millis(400.0)
        .build();

    try (KafkaStreams gate = clients.streams(applicationId);
         KafkaProducer<String, TenantReleaseState> states = clients.producer(Topics.RELEASE_TENANT_STATE);
         KafkaProducer<String, TenantRequestMetrics> metrics = clients.producer(Topics.TENANT_METRICS);
         KafkaConsumer<String, GateWindow> windows = clients.consumer(Topics.GATE_WINDOWS)) {
      gate.start();
      // Given a tenant whose baseline on v1 answered 1 % 5xx at 20 ms, then switched to v2
      long now = System.currentTimeMillis();
      clients.awaitCommittedPast(applicationId,
          metrics.send(record(GateEvents.metrics(judged, "v1", now, 400, 4, 0, 20.0))).get());
      clients.awaitCommittedPast(applicationId, states.send(new ProducerRecord<>(Topics.RELEASE_TENANT_STATE.name(),
          null, now, judged, GateEvents.switched(judged, "r-windows", "v2", "v1", now, spec))).get());

      // When it serves two windows on v2, the first with 3 % 5xx at 35 ms, and a tenant in no release serves too
      long first = (System.currentTimeMillis() / WINDOW_MILLIS + 1) * WINDOW_MILLIS;
      metrics.send(record(GateEvents.metrics(judged, "v2", first + 500, 200, 6, 2, 35.0)));
      metrics.send(record(GateEvents.metrics(idle, "v2", first + 500, 200, 100, 0, 35.0)));
      metrics.send(record(GateEvents.metrics(judged, "v2", first + WINDOW_MILLIS + 500, 100, 0, 0, 50.0)));
      metrics.flush();

      // Then both windows of the judged tenant are published once they close, with their measures and baseline
      List<GateWindow> seen = new ArrayList<>();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        windows.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
        assertThat(seen).filteredOn(w -> w.getTenantId().equals(judged)).hasSize(2);
      });
      List<GateWindow> published = seen.stream().filter(w -> w.getTenantId().equals(judged)).toList();
      GateWindow firstWindow = published.get(0);
      assertThat(firstWindow.getReleaseId()).isEqualTo("r-windows");
      assertThat(firstWindow.getAppVersion()).isEqualTo("v2");
      assertThat(firstWindow.getJudgedVersion()).isTrue();
      assertThat(firstWindow.getWindowStart().toEpochMilli()).isEqualTo(first);
      assertThat(firstWindow.getWindowEnd().toEpochMilli()).isEqualTo(first + WINDOW_MILLIS);
      assertThat(firstWindow.getRequests()).isEqualTo(200);
      assertThat(firstWindow.getRate5xx()).isEqualTo(0.03);
      assertThat(firstWindow.getTimeoutRate()).isEqualTo(0.01);
      assertThat(firstWindow.getP95Millis()).isCloseTo(35.0, Percentage.withPercentage(1));
      assertThat(firstWindow.getBaselineRate5xx()).isEqualTo(0.01);
      assertThat(firstWindow.getBaselineP95Millis()).isCloseTo(20.0, Percentage.withPercentage(1));
      assertThat(firstWindow.getMax5xxRate()).isEqualTo(0.05);
      assertThat(firstWindow.getMaxP95Millis()).isEqualTo(400.0);
      GateWindow secondWindow = published.get(1);
      assertThat(secondWindow.getWindowStart().toEpochMilli()).isEqualTo(first + WINDOW_MILLIS);
      assertThat(secondWindow.getRequests()).isEqualTo(100);
      assertThat(secondWindow.getRate5xx()).isZero();
      assertThat(secondWindow.getP95Millis()).isCloseTo(50.0, Percentage.withPercentage(1));

      // And once the gate has committed past every metric record, the tenant in no release has no window
      clients.awaitCommittedToEnd(applicationId, Topics.TENANT_METRICS.name());
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(() -> {
        var batch = windows.poll(Duration.ofMillis(500));
        batch.forEach(r -> seen.add(r.value()));
        return batch.isEmpty();
      });
      assertThat(seen).extracting(GateWindow::getTenantId).filteredOn(t -> t.startsWith(run)).containsOnly(judged);
      assertThat(seen).filteredOn(w -> w.getTenantId().equals(judged)).hasSize(2);
    }
  }
}
