package dev.tenantwave.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates every topic of the contract, and its dead-letter topic, with the contract's cleanup policy and
 * partitions. Topics that exist are left as they are, so provisioning can run at every start.
 */
public final class TopicProvisioner {

  private final Admin admin;
  private final short replicationFactor;

  public TopicProvisioner(Admin admin, short replicationFactor) {
    this.admin = admin;
    this.replicationFactor = replicationFactor;
  }

  /** Creates the missing topics and returns the names it created. */
  public List<String> provision() throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    List<NewTopic> missing = new ArrayList<>();
    for (Topic<?> topic : Topics.all()) {
      if (!existing.contains(topic.name())) {
        missing.add(new NewTopic(topic.name(), topic.partitions(), replicationFactor)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy().kafkaValue())));
      }
      if (!existing.contains(topic.deadLetterTopic())) {
        missing.add(new NewTopic(topic.deadLetterTopic(), 1, replicationFactor));
      }
    }
    if (!missing.isEmpty()) {
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    }
    return missing.stream().map(NewTopic::name).toList();
  }
}
