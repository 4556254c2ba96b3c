package dev.tenantwave.gate.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Where a tenant's records belong: the partition Kafka's Java producer gives the tenant id as key by default
 * (murmur2), which is where the orchestrator's release states are and so where the gate judges the tenant. Kafka
 * Streams' own default partitioner calls the same function.
 */
final class TenantPartitioner implements StreamPartitioner<String, byte[]> {

  static int partitionOf(String tenantId, int partitions) {
    return BuiltInPartitioner.partitionForKey(tenantId.getBytes(StandardCharsets.UTF_8), partitions);
  }

  @Override
  public Optional<Set<Integer>> partitions(String topic, String tenantId, byte[] value, int partitions) {
    return Optional.of(Set.of(partitionOf(tenantId, partitions)));
  }
}
