package dev.tenantwave.events;

import java.util.ArrayList;
import java.util.HashMap;
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
 * Creates every topic of the contract, and its dead-letter topic, with the contract's cleanup policy, partitions
 * and retention (where the contract sets one). Topics that exist are left as they are, so provisioning can run at every start.
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
        missing.add(new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(configsOf(topic)));
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

  static Map<String, String> configsOf(Topic<?> topic) {
    Map<String, String> configs = new HashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy().kafkaValue());
    if (topic.retention() != null) {
      configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()));
    }
    return configs;
  }
}
