package dev.tenantwave.testsupport;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the local stack in the foreground for {@code ./tw up}: prints one {@code READY ...} line once Kafka, the
 * registry and PostgreSQL answer and the topics and databases exist, and stops everything on SIGTERM or Ctrl-C.
 * The logins' generated passwords are in {@code credentials.properties} of the data directory.
 */
@Command(name = "local-stack", mixinStandardHelpOptions = true,
    description = "Real Kafka (KRaft), Apicurio Registry and PostgreSQL for a local Tenantwave.")
public final class LocalStackMain implements Callable<Integer> {

  @Option(names = "--data-dir", required = true, description = "Where Kafka and PostgreSQL keep their data.")
  Path dataDir;

  @Option(names = "--clean", description = "Delete the data directory first.")
  boolean clean;

  @Option(names = "--kafka-port", defaultValue = "19092") int kafkaPort;
  @Option(names = "--kafka-controller-port", defaultValue = "19093") int kafkaControllerPort;
  @Option(names = "--registry-port", defaultValue = "18085") int registryPort;
  @Option(names = "--pg-port", defaultValue = "15432") int pgPort;

  @Option(names = "--databases", split = ",", description = "Databases to create if missing, comma-separated.")
  List<String> databases = List.of();

  public static void main(String[] args) {
    System.exit(new CommandLine(new LocalStackMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    LocalStack stack = LocalStack.start(dataDir,
        new LocalStack.Ports(kafkaPort, kafkaControllerPort, registryPort, pgPort), clean, false);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.close();
      stopped.countDown();
    }, "local-stack-stop"));
    // a service's database is created with its login; any other is a tenant database, the migration worker's
    databases.forEach(name -> stack.postgres().createDatabase(name,
        LocalPostgres.SERVICE_DATABASES.getOrDefault(name, LocalPostgres.MIGRATION)));
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
