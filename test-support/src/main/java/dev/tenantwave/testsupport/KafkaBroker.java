package dev.tenantwave.testsupport;

import dev.tenantwave.events.KafkaAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka (broker and controller in one process) started from the {@code kafka_2.13} jar as a
 * child JVM: storage is formatted once and reused, so a data directory survives restarts.
 *
 * <p>Every client authenticates with SASL/SCRAM-SHA-512 on the client listener and is authorized by principal
 * (StandardAuthorizer, {@link KafkaAccess}: nothing is allowed that is not granted). The broker itself and the
 * stack's administrator use SASL/PLAIN on an internal listener and on the controller listener (KRaft cannot use
 * SCRAM there). All listeners bind loopback. For tests only, a {@code harness} listener lets the tests' own
 * clients in without credentials, as a super user, so test code sets up and inspects topics as before while the
 * services under test can use the client listener with their principals.
 */
final class KafkaBroker implements AutoCloseable {

  static final String ADMIN = "tw-kafka-admin";
  static final String MECHANISM = "SCRAM-SHA-512";

  private final ChildProcess process;
  private final String bootstrap;
  private final String clientBootstrap;
  private final Map<String, Object> adminConfig;

  private KafkaBroker(ChildProcess process, String bootstrap, String clientBootstrap, Map<String, Object> adminConfig) {
    this.process = process;
    this.bootstrap = bootstrap;
    this.clientBootstrap = clientBootstrap;
    this.adminConfig = adminConfig;
  }

  /** {@code harnessPort}: 0 for any free port, -1 for no harness listener. */
  static KafkaBroker start(Path dataDir, int port, int controllerPort, int internalPort, Path logDir,
                           StackCredentials credentials, int harnessPort) {
    String adminPassword = credentials.password("kafka", ADMIN);
    boolean harness = harnessPort >= 0;
    if (harnessPort == 0) {
      harnessPort = LocalStack.freePort();
    }
    Path config = writeConfig(dataDir, port, controllerPort, internalPort, harnessPort, adminPassword);
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
    Map<String, Object> adminConfig = new HashMap<>(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + internalPort,
        AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
        SaslConfigs.SASL_MECHANISM, "PLAIN",
        SaslConfigs.SASL_JAAS_CONFIG, plainJaas(ADMIN, adminPassword, false)));
    Map<String, Object> readiness = new HashMap<>(adminConfig);
    readiness.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
    readiness.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000);
    try (Admin admin = Admin.create(readiness)) {
      process.awaitReady(Duration.ofSeconds(120), () -> hasBroker(admin)); // a loaded machine needs it
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    try (Admin admin = Admin.create(adminConfig)) {
      // on every start, so that a password deleted from the credentials file is replaced
      KafkaAccess.apply(admin, principal -> credentials.password("kafka", principal));
    } catch (Exception e) {
      process.close();
      throw new IllegalStateException("Could not create Kafka's principals and ACLs: " + e, e);
    }
    String clientBootstrap = "localhost:" + port;
    return new KafkaBroker(process, harness ? "localhost:" + harnessPort : clientBootstrap, clientBootstrap,
        adminConfig);
  }

  /** Where the stack's own clients connect: the tests' harness listener, or the client listener without one. */
  String bootstrap() {
    return bootstrap;
  }

  /** The listener every service and application connects to, with SCRAM credentials. */
  String clientBootstrap() {
    return clientBootstrap;
  }

  /** An administrator's client settings (super user): topics, ACLs and SCRAM credentials. */
  Map<String, Object> adminConfig() {
    return Map.copyOf(adminConfig);
  }

  /** The client settings of {@code principal} on the client listener. */
  static Map<String, Object> clientConfig(String bootstrap, String principal, String password) {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
        SaslConfigs.SASL_MECHANISM, MECHANISM,
        SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + principal + "\" password=\"" + password + "\";");
  }

  private static String plainJaas(String user, String password, boolean server) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
        + password + "\"" + (server ? " user_" + user + "=\"" + password + "\"" : "") + ";";
  }

  private static boolean hasBroker(Admin admin) {
    try {
      return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
    } catch (Exception notYet) {
      return false;
    }
  }

  // A single broker needs replication factor 1 for its internal topics, or transactions and groups hang.
  private static Path writeConfig(Path dataDir, int port, int controllerPort, int internalPort, int harnessPort,
                                  String adminPassword) {
    boolean harness = harnessPort > 0;
    String properties = String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@localhost:" + controllerPort,
        "listeners=CLIENT://localhost:" + port + ",INTERNAL://localhost:" + internalPort
            + ",CONTROLLER://localhost:" + controllerPort + (harness ? ",HARNESS://localhost:" + harnessPort : ""),
        "advertised.listeners=CLIENT://localhost:" + port + ",INTERNAL://localhost:" + internalPort
            + (harness ? ",HARNESS://localhost:" + harnessPort : ""),
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=INTERNAL",
        "listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT"
            + (harness ? ",HARNESS:PLAINTEXT" : ""),
        "sasl.enabled.mechanisms=" + MECHANISM,
        "listener.name.client.sasl.enabled.mechanisms=" + MECHANISM,
        "listener.name.internal.sasl.enabled.mechanisms=PLAIN",
        "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
        "sasl.mechanism.inter.broker.protocol=PLAIN",
        "sasl.mechanism.controller.protocol=PLAIN",
        "listener.name.client.scram-sha-512.sasl.jaas.config="
            + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
        "listener.name.internal.plain.sasl.jaas.config=" + plainJaas(ADMIN, adminPassword, true),
        "listener.name.controller.plain.sasl.jaas.config=" + plainJaas(ADMIN, adminPassword, true),
        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "allow.everyone.if.no.acl.found=false",
        "super.users=User:" + ADMIN + (harness ? ";User:ANONYMOUS" : ""),
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
