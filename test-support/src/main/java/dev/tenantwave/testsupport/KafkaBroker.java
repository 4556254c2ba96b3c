package dev.tenantwave.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka (broker and controller in one process) started from the {@code kafka_2.13} jar as a
 * child JVM: storage is formatted once and reused, so a data directory survives restarts.
 */
final class KafkaBroker implements AutoCloseable {

  private final ChildProcess process;
  private final String bootstrap;

  private KafkaBroker(ChildProcess process, String bootstrap) {
    this.process = process;
    this.bootstrap = bootstrap;
  }

  static KafkaBroker start(Path dataDir, int port, int controllerPort, Path logDir) {
    Path config = writeConfig(dataDir, port, controllerPort);
    String classpath = System.getProperty("java.class.path");
    if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
      ChildProcess.run("Kafka storage format",
          List.of(ChildProcess.java(), "-cp", classpath, "kafka.tools.StorageTool", "format", "--config",
              config.toString(), "--cluster-id", Uuid.randomUuid().toString()),
          logDir.resolve("kafka-format.log"), Duration.ofSeconds(60));
    }
    ChildProcess process = ChildProcess.start("Kafka",
        List.of(ChildProcess.java(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-cp", classpath, "kafka.Kafka",
            config.toString()),
        Map.of(), logDir.resolve("kafka.log"));
    String bootstrap = "localhost:" + port;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000))) {
      process.awaitReady(Duration.ofSeconds(120), () -> hasBroker(admin)); // a loaded machine needs it
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new KafkaBroker(process, bootstrap);
  }

  String bootstrap() {
    return bootstrap;
  }

  private static boolean hasBroker(Admin admin) {
    try {
      return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
    } catch (Exception notYet) {
      return false;
    }
  }

  // A single broker needs replication factor 1 for its internal topics, or transactions and groups hang.
  private static Path writeConfig(Path dataDir, int port, int controllerPort) {
    String properties = String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@localhost:" + controllerPort,
        "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
        "advertised.listeners=PLAINTEXT://localhost:" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dataDir.resolve("logs"),
        "num.partitions=6",
        "auto.create.topics.enable=false",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=6",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=6",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "");
    try {
      Files.createDirectories(dataDir);
      Path config = dataDir.resolve("server.properties");
      Files.writeString(config, properties);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the Kafka configuration in " + dataDir, e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
