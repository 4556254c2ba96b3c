package dev.tenantwave.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the stack lives: the defaults of {@code ./tw up}, each overridable by an environment variable
 * (the same names the services and {@code ./tw up} read).
 */
public final class Endpoints {

  private Endpoints() {}

  public static String kafkaBootstrap() {
    return env("TW_KAFKA_BOOTSTRAP", "localhost:19092");
  }

  public static String registryUrl() {
    return env("TW_REGISTRY_URL", "http://localhost:18085");
  }

  /** Base URL of each service, by name, in start order. */
  public static Map<String, String> services() {
    Map<String, String> services = new LinkedHashMap<>();
    services.put("catalog-service", env("TW_CATALOG_URL", "http://localhost:18081"));
    services.put("rollout-orchestrator", env("TW_ROLLOUT_URL", "http://localhost:18082"));
    services.put("migration-worker", env("TW_MIGRATION_URL", "http://localhost:18083"));
    services.put("gate-evaluator", env("TW_GATE_URL", "http://localhost:18084"));
    return services;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
