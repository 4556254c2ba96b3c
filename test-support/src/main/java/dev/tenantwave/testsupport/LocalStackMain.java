package dev.tenantwave.testsupport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the local stack in the foreground for {@code ./tw up}: prints one {@code READY ...} line once Kafka, the
 * registry and PostgreSQL answer and the topics and databases exist, and stops everything on SIGTERM or Ctrl-C.
 * Prints one {@code FAILED: ...} line instead, and exits non-zero, when a port is taken: every port is checked
 * before anything starts, the services' ones too ({@code --also-free}). The logins' generated passwords are in
 * {@code credentials.properties} of the data directory; PostgreSQL's superuser cannot log in.
 */
@Command(name = "local-stack", mixinStandardHelpOptions = true,
    description = "Real Kafka (KRaft), Apicurio Registry and PostgreSQL for a local Tenantwave.")
public final class LocalStackMain implements Callable<Integer> {

  @Option(names = "--data-dir", required = true, description = "Where Kafka and PostgreSQL keep their data.")
  Path dataDir;

  @Option(names = "--clean", description = "Delete the data directory first.")
  boolean clean;

  @Option(names = "--kafka-port", defaultValue = "${env:TW_KAFKA_PORT:-19092}") int kafkaPort;
  @Option(names = "--kafka-controller-port", defaultValue = "${env:TW_KAFKA_CONTROLLER_PORT:-19093}")
  int kafkaControllerPort;
  @Option(names = "--kafka-internal-port", defaultValue = "${env:TW_KAFKA_INTERNAL_PORT:-19094}")
  int kafkaInternalPort;
  @Option(names = "--registry-port", defaultValue = "${env:TW_REGISTRY_PORT:-18085}") int registryPort;
  @Option(names = "--pg-port", defaultValue = "${env:TW_PG_PORT:-15432}") int pgPort;

  @Option(names = "--also-free", paramLabel = "SETTING=PORT",
      description = "Another port that must be free (a service's), named by its setting; checked with the stack's.")
  Map<String, Integer> alsoFree = new LinkedHashMap<>();

  @Option(names = "--databases", split = ",", description = "Databases to create if missing, comma-separated.")
  List<String> databases = List.of();

  @Option(names = "--example-database", paramLabel = "DATABASE",
      description = "The example CRM product's pooled database, owned by the migration worker's login, with the"
          + " deals of --example-tenant, created when missing.")
  String exampleDatabase;

  @Option(names = "--example-tenant", defaultValue = "acme", description = "Whose deals the example database holds.")
  String exampleTenant;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LocalStackMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    LocalStack.Ports ports = new LocalStack.Ports(kafkaPort, kafkaControllerPort, kafkaInternalPort, registryPort,
        pgPort);
    Map<String, Integer> every = new LinkedHashMap<>(ports.bySetting());
    every.putAll(alsoFree);
    try {
      PortCheck.requireFree(every);
    } catch (PortCheck.PortInUse e) {
      System.out.println("FAILED: " + e.getMessage());
      return 1;
    }
    LocalStack stack = LocalStack.start(dataDir, ports, clean, false);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.close();
      stopped.countDown();
    }, "local-stack-stop"));
    // a service's database is created with its login; any other is a tenant database, the migration worker's
    databases.forEach(name -> stack.postgres().createDatabase(name,
        LocalPostgres.SERVICE_DATABASES.getOrDefault(name, LocalPostgres.MIGRATION)));
    if (exampleDatabase != null) {
      new CrmDatabases(stack.postgres()).createExample(exampleDatabase, exampleTenant);
    }
    try (var admin = org.apache.kafka.clients.admin.Admin.create(stack.kafkaAdminConfig())) {
      new dev.tenantwave.events.TopicProvisioner(admin, (short) 1).provision();
    }
    System.out.printf("READY in %d ms: kafka=%s registry=%s postgres=%s%n",
        (System.nanoTime() - started) / 1_000_000, stack.kafkaBootstrap(), stack.registryUrl(),
        stack.postgres().adminJdbcUrl());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
