package dev.tenantwave.rollout.kafka;

import dev.tenantwave.events.Topics;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the gate's verdicts and the worker's answers in batches; offsets are committed only after the batch's
 * transaction did, and a failed batch (database or registry away) is read again after a pause. Keeps track of the
 * partitions its group gave it, for {@code /health}.
 */
@KafkaListener(clientId = ReleaseInputListener.CLIENT_ID,
    groupId = "${tenantwave.rollout.consumer-group:rollout-orchestrator}", batch = true,
    offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC,
    errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 1_000_000,
        retryDelay = "200ms"),
    properties = {
        @Property(name = ConsumerConfig.MAX_POLL_RECORDS_CONFIG, value = "1000"),
        @Property(name = ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, value = "50"),
        @Property(name = ConsumerConfig.ISOLATION_LEVEL_CONFIG, value = "read_committed")
    })
@Requires(property = "tenantwave.rollout.consumer-enabled", notEquals = "false")
public class ReleaseInputListener implements ConsumerRebalanceListener {

  /** The consumer's id in micronaut-kafka's {@code ConsumerRegistry} (and its Kafka {@code client.id}). */
  public static final String CLIENT_ID = "rollout-orchestrator-inputs";

  private final ReleaseInputs inputs;
  private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
  private volatile boolean groupAnswered;

  public ReleaseInputListener(ReleaseInputs inputs) {
    this.inputs = inputs;
  }

  @Topic({Topics.GATE_VERDICTS_NAME, Topics.MIGRATION_PROGRESS_NAME})
  public void receive(List<ConsumerRecord<String, byte[]>> records) {
    inputs.accept(records);
  }

  /** The partitions this instance holds now. */
  public int assignedPartitions() {
    return assigned.size();
  }

  /** Whether the group's last rebalance has given this instance its share, which may be none. */
  public boolean hasGroupAnswered() {
    return groupAnswered;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    assigned.addAll(partitions);
    groupAnswered = true;
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    if (!partitions.isEmpty()) {
      assigned.removeAll(partitions);
      groupAnswered = false; // until the rebalance that took them away ends
    }
  }
}
