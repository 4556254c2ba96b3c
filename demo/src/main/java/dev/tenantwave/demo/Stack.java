package dev.tenantwave.demo;

import dev.tenantwave.demo.rest.Api;
import dev.tenantwave.demo.rest.Users;
import dev.tenantwave.testsupport.Postgres;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the running stack is, read from the environment as {@code ./tw up} sets it: {@code TW_*_PORT} on localhost
 * (or full {@code TW_KAFKA_BOOTSTRAP}, {@code TW_REGISTRY_URL}, {@code TW_CATALOG_URL}, {@code TW_ROLLOUT_URL},
 * {@code TW_PG_URL} with {@code TW_PG_USER} / {@code TW_PG_PASSWORD}), and the users of {@code TW_CREDENTIALS_FILE}.
 */
record Stack(String kafkaBootstrap, String registryUrl, Api catalog, Api rollout, Postgres postgres,
             Path credentialsFile) {

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
        new Postgres(pgUrl, env.getOrDefault("TW_PG_USER", "postgres"), env.getOrDefault("TW_PG_PASSWORD", "postgres")),
        Path.of(env.getOrDefault("TW_CREDENTIALS_FILE", ".tw/credentials")));
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
