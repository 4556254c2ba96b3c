package dev.tenantwave.demo;

import dev.tenantwave.demo.rest.Api;
import dev.tenantwave.demo.rest.Users;
import dev.tenantwave.events.KafkaClientSecurity;
import dev.tenantwave.testsupport.Postgres;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the running stack is, read from the environment as {@code ./tw up} sets it: {@code TW_*_PORT} on localhost
 * (or full {@code TW_KAFKA_BOOTSTRAP}, {@code TW_REGISTRY_URL}, {@code TW_CATALOG_URL}, {@code TW_ROLLOUT_URL},
 * {@code TW_PG_URL}), the PostgreSQL login that creates the tenant databases ({@code TW_PG_USER} /
 * {@code TW_PG_PASSWORD}), the application's Kafka login that publishes the traffic ({@code TW_APP_KAFKA_USER} /
 * {@code TW_APP_KAFKA_PASSWORD}; the topics are read as {@code TW_KAFKA_USER}), and the users of
 * {@code TW_CREDENTIALS_FILE}. {@code ./tw demo} sets the logins from the stack's generated credentials.
 */
record Stack(String kafkaBootstrap, String registryUrl, Api catalog, Api rollout, Postgres postgres,
             Map<String, Object> appKafkaLogin, Path credentialsFile) {

  static Stack fromEnvironment(Map<String, String> env) {
    String pgUrl = env.getOrDefault("TW_PG_URL",
        "jdbc:postgresql://localhost:" + env.getOrDefault("TW_PG_PORT", "15432") + "/postgres");
    return new Stack(
        env.getOrDefault("TW_KAFKA_BOOTSTRAP", "localhost:" + env.getOrDefault("TW_KAFKA_PORT", "19092")),
        env.getOrDefault("TW_REGISTRY_URL", "http://localhost:" + env.getOrDefault("TW_REGISTRY_PORT", "18085")),
        new Api(env.getOrDefault("TW_CATALOG_URL",
            "http://localhost:" + env.getOrDefault("TW_CATALOG_PORT", "18081"))),
        new Api(env.getOrDefault("TW_ROLLOUT_URL",
            "http://localhost:" + env.getOrDefault("TW_ROLLOUT_PORT", "18082"))),
        new Postgres(pgUrl, env.getOrDefault("TW_PG_USER", "postgres"), required(env, "TW_PG_PASSWORD")),
        KafkaClientSecurity.settings(env.get("TW_APP_KAFKA_USER"), env.get("TW_APP_KAFKA_PASSWORD")),
        Path.of(env.getOrDefault("TW_CREDENTIALS_FILE", ".tw/credentials")));
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is not set: the demo needs the PostgreSQL login that creates the"
          + " tenant databases (./tw demo takes it from the stack's credentials)");
    }
    return value;
  }

  String consoleUrl() {
    return rollout.baseUrl() + "/console/";
  }

  /** Null when the catalog and the orchestrator answer healthy, else why not, in one line. */
  String unreachable() {
    for (Map.Entry<String, Api> service : Map.of("catalog-service", catalog, "rollout-orchestrator", rollout)
        .entrySet()) {
      try {
        Api.Response health = service.getValue().get("/health", null);
        if (health.status() != 200) {
          return service.getKey() + " at " + service.getValue().baseUrl() + " is not healthy (HTTP "
              + health.status() + ")";
        }
      } catch (UncheckedIOException e) {
        return "no Tenantwave stack at " + service.getValue().baseUrl() + " (" + service.getKey()
            + " does not answer): start it with ./tw up in another terminal";
      }
    }
    return null;
  }

  Users users() {
    return Users.fromCredentialsFile(credentialsFile);
  }
}
