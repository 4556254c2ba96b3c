package dev.tenantwave.cli.release;

import dev.tenantwave.cli.release.ReleaseDocuments.ReleaseDetail;
import dev.tenantwave.events.KafkaClientSecurity;
import dev.tenantwave.events.ReleaseStatus;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Learns of every change of a release from the topics, not by asking on a timer: each {@code release.status.v1}
 * record of the release, and each {@code release.tenant-state.v1} record of one of its tenants (a tenant failing or
 * switched back shows at once), makes it fetch the release's detail once. Records that arrive together are one
 * update.
 */
final class TopicReleaseFeed implements ReleaseFeed {

  private final RolloutClient client;
  private final String bootstrapServers;
  private final String registryUrl;

  TopicReleaseFeed(RolloutClient client, String bootstrapServers, String registryUrl) {
    this.client = client;
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
  }

  @Override
  public void follow(String releaseId, Listener listener) throws InterruptedException {
    EventSerdes serdes = EventSerdes.forRegistry(registryUrl);
    Deserializer<ReleaseStatus> statuses = serdes.valueDeserializer(Topics.RELEASE_STATUS);
    Deserializer<TenantReleaseState> tenantStates = serdes.valueDeserializer(Topics.RELEASE_TENANT_STATE);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClientSecurity.with(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000)), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(Topics.RELEASE_STATUS.name(), Topics.RELEASE_TENANT_STATE.name())) {
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // fixes "the end" before the first fetch: no change falls in between
      if (!publish(releaseId, listener)) {
        return;
      }
      while (true) {
        boolean changed = false;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.value() == null) {
            continue;
          }
          if (record.topic().equals(Topics.RELEASE_STATUS.name())) {
            changed |= releaseId.equals(record.key());
          } else {
            changed |= releaseId.equals(tenantStates.deserialize(record.topic(), record.value()).getReleaseId());
          }
        }
        if (changed && !publish(releaseId, listener)) {
          return;
        }
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
    } finally {
      statuses.close();
      tenantStates.close();
    }
  }

  private boolean publish(String releaseId, Listener listener) throws InterruptedException {
    String document = client.detail(releaseId);
    return listener.onUpdate(new ReleaseUpdate(ReleaseDocuments.read(document, ReleaseDetail.class), document));
  }
}
