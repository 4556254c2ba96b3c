package dev.tenantwave.testsupport;

import dev.tenantwave.events.KafkaAccess;
import dev.tenantwave.events.TopicProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The real Kafka, registry and PostgreSQL that integration tests run against: started once per JVM on free ports,
 * or taken from {@code TW_KAFKA_BOOTSTRAP}, {@code TW_REGISTRY_URL} and {@code TW_PG_URL} (with {@code TW_PG_USER},
 * {@code TW_PG_PASSWORD}) when all three are set, for instance to run the suite against the compose stack.
 */
public final class TestInfra {

  private static TestInfra instance;

  private final String kafkaBootstrap;
  private final String registryUrl;
  private final Postgres postgres;
  private final LocalStack stack;
  private boolean topicsCreated;

  private TestInfra(String kafkaBootstrap, String registryUrl, Postgres postgres, LocalStack stack) {
    this.kafkaBootstrap = kafkaBootstrap;
    this.registryUrl = registryUrl;
    this.postgres = postgres;
    this.stack = stack;
  }

  public static synchronized TestInfra get() {
    if (instance == null) {
      instance = external().orElseGet(TestInfra::startLocal);
    }
    return instance;
  }

  /** Kafka for the tests' own clients: no credentials needed (a super user on the local stack). */
  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  /**
   * Client settings of a principal of {@link KafkaAccess} on the listener where credentials and ACLs apply, as the
   * services use it; only on the stack started here.
   */
  public Map<String, Object> kafkaClientConfig(String principal) {
    if (stack == null) {
      throw new IllegalStateException("Kafka principals are known only on the stack that TestInfra starts itself");
    }
    return stack.kafkaClientConfig(principal);
  }

  /** The SCRAM password of a principal of {@link KafkaAccess}; only on the stack started here. */
  public String kafkaPassword(String principal) {
    if (stack == null) {
      throw new IllegalStateException("Kafka principals are known only on the stack that TestInfra starts itself");
    }
    return stack.kafkaPassword(principal);
  }

  public String kafkaClientBootstrap() {
    return stack == null ? kafkaBootstrap : stack.kafkaClientBootstrap();
  }

  /** The registry's base URL; the Confluent-compatible API is under {@code /apis/ccompat/v7}. */
  public String registryUrl() {
    return registryUrl;
  }

  public Postgres postgres() {
    return postgres;
  }

  /** Creates every contract topic and its dead-letter topic, once per JVM. */
  public synchronized void createTopics() {
    if (topicsCreated) {
      return;
    }
    try (Admin admin = admin()) {
      new TopicProvisioner(admin, (short) 1).provision();
      topicsCreated = true;
    } catch (Exception e) {
      throw new IllegalStateException("Could not create the topics on " + kafkaBootstrap + ": " + e, e);
    }
  }

  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap));
  }

  /** A name no other test uses, safe as a database name, consumer group, application id or topic suffix. */
  public static String uniqueId(String prefix) {
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    return prefix + "_" + HexFormat.of().formatHex(random);
  }

  private static java.util.Optional<TestInfra> external() {
    String kafka = System.getenv("TW_KAFKA_BOOTSTRAP");
    String registry = System.getenv("TW_REGISTRY_URL");
    String pg = System.getenv("TW_PG_URL");
    if (kafka == null && registry == null && pg == null) {
      return java.util.Optional.empty();
    }
    if (kafka == null || registry == null || pg == null) {
      throw new IllegalStateException("Set all of TW_KAFKA_BOOTSTRAP, TW_REGISTRY_URL and TW_PG_URL to test against "
          + "external infrastructure, or none of them to start it here; set: kafka=" + kafka + ", registry="
          + registry + ", pg=" + pg);
    }
    return java.util.Optional.of(new TestInfra(kafka, registry.replaceAll("/+$", ""),
        new Postgres(pg, envOr("TW_PG_USER", "postgres"), required("TW_PG_PASSWORD"), runtimeLogin()), null));
  }

  private static TestInfra startLocal() {
    try {
      Path dataDir = Files.createTempDirectory("tenantwave-test-");
      LocalStack stack = LocalStack.start(dataDir, LocalStack.Ports.random(), false);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stack.close();
        try {
          LocalStack.deleteTree(dataDir);
        } catch (IOException ignored) {
          // a temp directory left behind is harmless
        }
      }, "tenantwave-test-infra-stop"));
      return new TestInfra(stack.kafkaBootstrap(), stack.registryUrl(), stack.postgres(), stack);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An existing runtime login's password (TW_RUNTIME_DB_PASSWORD); without it the tests create the login. */
  private static Map<String, String> runtimeLogin() {
    String password = System.getenv("TW_RUNTIME_DB_PASSWORD");
    return password == null || password.isBlank() ? Map.of() : Map.of(LocalPostgres.RUNTIME, password);
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: testing against external infrastructure needs the"
          + " PostgreSQL password (there is no default password)");
    }
    return value;
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
