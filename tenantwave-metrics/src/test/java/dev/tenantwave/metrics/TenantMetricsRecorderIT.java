package dev.tenantwave.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.TestInfra;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The recorder on the real broker and registry, and without a broker. */
class TenantMetricsRecorderIT {

  private final TestInfra infra = TestInfra.get();

  @Test
  void shouldPublishEachTenantsIntervalsToTheMetricsTopicKeyedByTenantAtTheIntervalStart() {
    infra.createTopics();
    String run = TestInfra.uniqueId("metrics").replace('_', '-');
    try (KafkaConsumer<String, TenantRequestMetrics> consumer = consumerAtTheEnd()) {
      // Given a service recording two tenants' requests
      TenantMetricsRecorder recorder = TenantMetricsRecorder.builder().bootstrapServers(infra.kafkaBootstrap())
          .registryUrl(infra.registryUrl()).service("crm-api").appVersion("v7").instance("it-1").build();
      for (int i = 0; i < 100; i++) {
        recorder.record(run + "-a", i % 10 == 0 ? 503 : 200, Duration.ofMillis(20 + i));
      }
      for (int i = 0; i < 50; i++) {
        recorder.record(run + "-b", 200, 5_000_000L);
      }

      // When it closes (publishing the open interval)
      recorder.close();

      // Then every request reached the topic, in records keyed by tenant and stamped with their interval's start
      assertThat(recorder.published()).isEqualTo(150);
      assertThat(recorder.publishFailures() + recorder.droppedByBackpressure()).isZero();
      List<ConsumerRecord<String, TenantRequestMetrics>> seen = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.key().startsWith(run)) {
            seen.add(r);
          }
        });
        assertThat(seen.stream().mapToLong(r -> r.value().getRequests()).sum()).isEqualTo(150);
      });
      assertThat(seen).allSatisfy(r -> {
        assertThat(r.key()).isEqualTo(r.value().getTenantId());
        assertThat(r.timestamp()).isEqualTo(r.value().getWindowStart().toEpochMilli()).matches(t -> t % 1000 == 0);
        assertThat(r.value().getWindowEnd().toEpochMilli() - r.timestamp()).isEqualTo(1000);
        assertThat(r.value().getAppVersion()).isEqualTo("v7");
        assertThat(r.value().getInstance()).isEqualTo("it-1");
        assertThat(AggregationTest.sketchOf(r.value()).getCount()).isEqualTo(r.value().getRequests());
      });
      assertThat(seen.stream().filter(r -> r.key().equals(run + "-a")).mapToLong(r -> r.value().getStatus5xx()).sum())
          .isEqualTo(10);
    }
  }

  @Test
  void shouldKeepRecordingAndCountWhatItCannotPublishWhileKafkaIsAway() throws IOException {
    // Given a recorder whose Kafka does not answer
    TenantMetricsRecorder recorder = TenantMetricsRecorder.builder().bootstrapServers("localhost:" + unusedPort())
        .registryUrl(infra.registryUrl()).service("crm-api").appVersion("v7").closeTimeout(Duration.ofSeconds(2))
        .build();

    // When requests go on for a few intervals
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      for (int i = 0; i < 100_000; i++) {
        recorder.record("tenant-" + (i % 3), 200, 1_000_000L);
      }
    });

    // Then each closed interval's requests are counted as failed (or dropped), none published, none lost
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(recorder.publishFailures() + recorder.droppedByBackpressure()).isEqualTo(recorder.recorded()));
    assertThat(recorder.recorded()).isEqualTo(100_000);
    assertThat(recorder.published()).isZero();
    recorder.close();
  }

  private KafkaConsumer<String, TenantRequestMetrics> consumerAtTheEnd() {
    KafkaConsumer<String, TenantRequestMetrics> consumer = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap()), new StringDeserializer(),
        EventSerdes.forRegistry(infra.registryUrl()).valueDeserializer(Topics.TENANT_METRICS));
    List<TopicPartition> partitions = consumer.partitionsFor(Topics.TENANT_METRICS.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
