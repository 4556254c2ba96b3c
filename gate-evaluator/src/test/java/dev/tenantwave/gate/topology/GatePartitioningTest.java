package dev.tenantwave.gate.topology;

import static dev.tenantwave.gate.topology.GateEvents.metrics;
import static dev.tenantwave.gate.topology.GateEvents.spec;
import static dev.tenantwave.gate.topology.GateEvents.switched;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.events.Topics;
import dev.tenantwave.service.dlq.DeadLetterRouter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate judges a tenant on the partition Kafka's Java default partitioner gives its id, where the orchestrator's
 * release states are. Here there are two tenant partitions and the driver's records all arrive on partition 0:
 * {@link #HOME} belongs there, {@link #AWAY} belongs on partition 1.
 */
class GatePartitioningTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final String HOME = tenantOnPartition(0);
  private static final String AWAY = tenantOnPartition(1);

  private final GateDriver gate = new GateDriver(GateDriver.config().withTenantPartitions(2));

  @AfterEach
  void close() {
    gate.close();
  }

  @Test
  void shouldJudgeAMetricOnItsTenantsPartitionInPlace() {
    // When a metric of a tenant arrives on the tenant's partition
    gate.publish(metrics(HOME, "v1", T0, 100, 1, 0, 30.0));

    // Then it is added to the tenant's totals without going through the repartition topic
    assertThat(gate.changelog(GateTopology.VERSION_TOTALS_STORE, new WindowTotalsSerde()))
        .singleElement().satisfies(r -> assertThat(r.value().requests()).isEqualTo(100));
    assertThat(gate.rerouted()).isFalse();
  }

  @Test
  void shouldBringAMetricOnAnotherPartitionToItsTenantsThroughTheRepartitionTopic() {
    // When a metric of a tenant arrives on another partition than the tenant's (its publisher partitions otherwise)
    gate.publish(metrics(AWAY, "v1", T0, 100, 1, 0, 30.0));

    // Then it goes through the repartition topic and is judged all the same
    assertThat(gate.rerouted()).isTrue();
    assertThat(gate.changelog(GateTopology.VERSION_TOTALS_STORE, new WindowTotalsSerde()))
        .singleElement().satisfies(r -> {
          assertThat(r.key()).isEqualTo(AWAY + "|v1");
          assertThat(r.value().requests()).isEqualTo(100);
        });
  }

  @Test
  void shouldDeadLetterAReroutedPoisonRecordWithWhereItsPublisherWroteIt() {
    // Given a record on the topic before it
    gate.publish(metrics(HOME, "v1", T0, 100, 1, 0, 30.0));

    // When garbage of a tenant that belongs on another partition arrives
    gate.publishRaw(AWAY, "not avro".getBytes(StandardCharsets.UTF_8), T0);

    // Then it is dead-lettered byte for byte with the topic, partition and offset it was published to
    assertThat(gate.deadLetters()).singleElement().satisfies(deadLetter -> {
      assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
      assertThat(GateDriver.header(deadLetter.headers(), DeadLetterRouter.REASON)).startsWith("undecodable value");
      assertThat(GateDriver.header(deadLetter.headers(), DeadLetterRouter.SOURCE_TOPIC))
          .isEqualTo(Topics.TENANT_METRICS.name());
      assertThat(GateDriver.header(deadLetter.headers(), DeadLetterRouter.SOURCE_PARTITION)).isEqualTo("0");
      assertThat(GateDriver.header(deadLetter.headers(), DeadLetterRouter.SOURCE_OFFSET)).isEqualTo("1");
      assertThat(deadLetter.headers().lastHeader(MetricsAdmission.ORIGIN_OFFSET)).isNull();
    });
  }

  @Test
  void shouldDeadLetterAReleaseStateOnAnotherPartitionThanItsTenants() {
    // When the release state of a tenant arrives on another partition than Kafka's default partitioner gives it
    gate.switchTenant(switched(AWAY, "r-42", "v2", "v1", T0, spec()));

    // Then it is dead-lettered with why, instead of being judged where the tenant's metrics never come
    assertThat(gate.releaseStateDeadLetters()).singleElement().satisfies(deadLetter ->
        assertThat(GateDriver.header(deadLetter.headers(), DeadLetterRouter.REASON))
            .contains("on partition 0", "1 of 2", "tenantwave.gate.tenant-partitions"));
    assertThat(gate.metricTotal(GateSensors.DEAD_LETTERED_RECORDS)).isEqualTo(1.0);
  }

  private static String tenantOnPartition(int partition) {
    for (int i = 0; ; i++) {
      if (TenantPartitioner.partitionOf("tenant-" + i, 2) == partition) {
        return "tenant-" + i;
      }
    }
  }
}
