package dev.tenantwave.cli.topics;

import dev.tenantwave.cli.Endpoints;
import dev.tenantwave.events.KafkaClientSecurity;
import dev.tenantwave.events.Topic;
import dev.tenantwave.events.Topics;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "List the contract's topics, their key, value schema, cleanup policy and partitions on the broker.")
public class ListTopicsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    try (Admin admin = Admin.create(KafkaClientSecurity.with(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafkaBootstrap(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000)))) {
      var existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      out.printf("%-26s %-10s %-26s %-8s %s%n", "TOPIC", "KEY", "VALUE", "CLEANUP", "PARTITIONS");
      for (Topic<?> topic : Topics.all()) {
        String partitions = "missing";
        if (existing.contains(topic.name())) {
          TopicDescription d = admin.describeTopics(java.util.List.of(topic.name()))
              .allTopicNames().get(10, TimeUnit.SECONDS).get(topic.name());
          partitions = Integer.toString(d.partitions().size());
        }
        out.printf("%-26s %-10s %-26s %-8s %s%n", topic.name(), topic.keyDescription(),
            topic.valueType().getSimpleName(), topic.cleanupPolicy().kafkaValue(), partitions);
      }
    }
    return 0;
  }
}
