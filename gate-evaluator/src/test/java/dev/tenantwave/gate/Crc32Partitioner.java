package dev.tenantwave.gate;

import java.util.Map;
import java.util.zip.CRC32;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * What librdkafka's {@code consistent} partitioner does (and {@code consistent_random}, librdkafka's default, for
 * keyed records): CRC32 of the key bytes modulo the partition count. Kafka's Java default is murmur2.
 */
public final class Crc32Partitioner implements Partitioner {

  public static int partition(byte[] keyBytes, int partitions) {
    CRC32 crc = new CRC32();
    crc.update(keyBytes == null ? new byte[0] : keyBytes);
    return (int) (crc.getValue() % partitions);
  }

  @Override
  public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
    return partition(keyBytes, cluster.partitionCountForTopic(topic));
  }

  @Override
  public void configure(Map<String, ?> configs) {
  }

  @Override
  public void close() {
  }
}
