package dev.tenantwave.cli.topics;

import dev.tenantwave.cli.Endpoints;
import dev.tenantwave.events.KafkaClientSecurity;
import dev.tenantwave.events.TopicProvisioner;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "create", description = "Create every contract topic and its .dlq topic that does not exist yet.")
public class CreateTopicsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--replication-factor", defaultValue = "1", description = "Replicas per partition (default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Override
  public Integer call() throws Exception {
    try (Admin admin = Admin.create(KafkaClientSecurity.with(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafkaBootstrap())))) {
      var created = new TopicProvisioner(admin, replicationFactor).provision();
      spec.commandLine().getOut().println(created.isEmpty() ? "All topics exist." : "Created " + created);
    }
    return 0;
  }
}
