package dev.tenantwave.cli.topics;

import dev.tenantwave.cli.Kafka;
import dev.tenantwave.events.TopicProvisioner;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "create", description = {"Create every contract topic and its .dlq topic that does not exist yet.",
    "Exit 0; 3 when the broker cannot be reached."})
public class CreateTopicsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--replication-factor", defaultValue = "1", description = "Replicas per partition (default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Override
  public Integer call() throws Exception {
    try (Admin admin = Kafka.admin()) {
      var created = new TopicProvisioner(admin, replicationFactor).provision();
      spec.commandLine().getOut().println(created.isEmpty() ? "All topics exist." : "Created " + created);
    } catch (KafkaException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw Kafka.failed(e);
    }
    return 0;
  }
}
