package dev.tenantwave.e2e.probe;

import dev.tenantwave.demo.rest.Users;
import dev.tenantwave.events.KafkaClientSecurity;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * A running {@code ./tw up} stack as {@code ./tw <command>} finds it: the ports of {@code $TW_STATE_DIR/stack.env}
 * (a {@code TW_*_PORT} in the environment wins), the operator users of {@code $TW_STATE_DIR/credentials} and the
 * generated passwords of {@code $TW_STATE_DIR/data/credentials.properties}.
 */
record Stack(Path state, Map<String, Integer> ports, Users users, Properties passwords) {

  static final String KAFKA = "TW_KAFKA_PORT";
  static final String REGISTRY = "TW_REGISTRY_PORT";
  static final String CATALOG = "TW_CATALOG_PORT";
  static final String ROLLOUT = "TW_ROLLOUT_PORT";
  static final String MIGRATION = "TW_MIGRATION_PORT";
  static final String GATE = "TW_GATE_PORT";
  static final List<String> SERVICES = List.of(CATALOG, ROLLOUT, MIGRATION, GATE);
  static final Map<String, Integer> DEFAULT_PORTS = defaults();

  private static Map<String, Integer> defaults() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put(KAFKA, 19092);
    ports.put("TW_KAFKA_CONTROLLER_PORT", 19093);
    ports.put("TW_KAFKA_INTERNAL_PORT", 19094);
    ports.put(REGISTRY, 18085);
    ports.put("TW_PG_PORT", 15432);
    ports.put(CATALOG, 18081);
    ports.put(ROLLOUT, 18082);
    ports.put(MIGRATION, 18083);
    ports.put(GATE, 18084);
    return Map.copyOf(ports);
  }

  static Stack find(Path root) {
    String dir = System.getenv("TW_STATE_DIR");
    Path state = (dir == null || dir.isBlank() ? root.resolve(".tw") : Path.of(dir)).toAbsolutePath().normalize();
    Path stackEnv = state.resolve("stack.env");
    if (!Files.isRegularFile(stackEnv)) {
      throw new IllegalStateException("no " + stackEnv + ": is './tw up' running with TW_STATE_DIR=" + state + "?");
    }
    Properties written = load(stackEnv);
    Map<String, Integer> ports = new LinkedHashMap<>();
    DEFAULT_PORTS.keySet().stream().sorted().forEach(setting -> {
      String value = System.getenv(setting);
      if (value == null || value.isBlank()) {
        value = written.getProperty(setting, Integer.toString(DEFAULT_PORTS.get(setting)));
      }
      ports.put(setting, Integer.parseInt(value.trim()));
    });
    return new Stack(state, ports, Users.fromCredentialsFile(state.resolve("credentials")),
        load(state.resolve("data").resolve("credentials.properties")));
  }

  int port(String setting) {
    return ports.get(setting);
  }

  String url(String portSetting) {
    return "http://localhost:" + port(portSetting);
  }

  String kafkaBootstrap() {
    return "localhost:" + port(KAFKA);
  }

  String kafkaPassword(String principal) {
    String password = passwords.getProperty("kafka." + principal);
    if (password == null) {
      throw new IllegalStateException("no kafka." + principal + " in " + state.resolve("data/credentials.properties"));
    }
    return password;
  }

  /** A Kafka client's settings as {@code principal}, or without credentials for a null principal. */
  Map<String, Object> kafka(String principal) {
    return kafka(principal, principal == null ? null : kafkaPassword(principal));
  }

  Map<String, Object> kafka(String principal, String password) {
    Map<String, Object> config = new HashMap<>(KafkaClientSecurity.settings(principal, password));
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap());
    return config;
  }

  private static Properties load(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " (./tw up writes it)", e);
    }
    return properties;
  }
}
