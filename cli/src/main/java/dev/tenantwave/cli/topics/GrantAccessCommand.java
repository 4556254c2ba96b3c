package dev.tenantwave.cli.topics;

import dev.tenantwave.cli.Kafka;
import dev.tenantwave.cli.ServiceClient;
import dev.tenantwave.events.KafkaAccess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "grant", description = {
    "Give each Tenantwave principal its SCRAM-SHA-512 password and its ACLs (docs/security.md); run as the broker's"
        + " administrator (TW_KAFKA_USER, TW_KAFKA_PASSWORD, TW_KAFKA_SASL_MECHANISM).",
    "Passwords come from TW_KAFKA_CATALOG_PASSWORD, TW_KAFKA_ORCHESTRATOR_PASSWORD, TW_KAFKA_MIGRATION_PASSWORD,"
        + " TW_KAFKA_GATE_PASSWORD, TW_KAFKA_APP_PASSWORD and TW_KAFKA_OPERATOR_PASSWORD; a changed one rotates.",
    "Exit 0; 1 when a password is missing or the broker refuses; 3 when the broker cannot be reached."})
public class GrantAccessCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> environment = System.getenv();
    List<String> missing = KafkaAccess.PRINCIPALS.stream().map(KafkaAccess::passwordVariable)
        .filter(variable -> environment.get(variable) == null || environment.get(variable).isBlank()).toList();
    if (!missing.isEmpty()) {
      throw new ServiceClient.Refused("no password for " + String.join(", ", missing)
          + " (there is no default Kafka password; deploy/generate-secrets.sh generates them)");
    }
    try (Admin admin = Kafka.admin()) {
      KafkaAccess.apply(admin, principal -> environment.get(KafkaAccess.passwordVariable(principal)));
    } catch (KafkaException | ExecutionException | TimeoutException e) {
      throw Kafka.failed(e);
    }
    spec.commandLine().getOut().println("Granted " + String.join(", ", KafkaAccess.PRINCIPALS) + " their passwords and "
        + KafkaAccess.acls().size() + " ACLs.");
    return 0;
  }
}
