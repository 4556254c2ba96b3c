package dev.tenantwave.cli.topics;

import dev.tenantwave.cli.Kafka;
import dev.tenantwave.events.Topic;
import dev.tenantwave.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", description = {
    "List the contract's topics, their key, value schema, cleanup policy and partitions on the broker.",
    "Exit 0; 3 when the broker cannot be reached."})
public class ListTopicsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, TopicDescription> existing;
    try (Admin admin = Kafka.admin()) {
      Set<String> names = admin.listTopics().names().get(Kafka.CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      List<String> known = Topics.all().stream().map(Topic::name).filter(names::contains).toList();
      existing = admin.describeTopics(known).allTopicNames().get(Kafka.CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw Kafka.failed(e);
    }
    var out = spec.commandLine().getOut();
    out.printf("%-26s %-10s %-26s %-8s %s%n", "TOPIC", "KEY", "VALUE", "CLEANUP", "PARTITIONS");
    for (Topic<?> topic : Topics.all()) {
      TopicDescription description = existing.get(topic.name());
      out.printf("%-26s %-10s %-26s %-8s %s%n", topic.name(), topic.keyDescription(),
          topic.valueType().getSimpleName(), topic.cleanupPolicy().kafkaValue(),
          description == null ? "missing" : Integer.toString(description.partitions().size()));
    }
    return 0;
  }
}
