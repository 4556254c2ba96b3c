package dev.tenantwave.service.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a reachability probe into a health result whose message names the dependency and its address, so an
 * operator reading {@code /health} knows at once what is unreachable.
 */
final class DependencyCheck {

  private DependencyCheck() {}

  interface Probe {
    Map<String, Object> run() throws Exception;
  }

  static HealthResult check(String name, String what, String address, Probe probe) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("address", address);
    try {
      details.putAll(probe.run());
      return HealthResult.builder(name, HealthStatus.UP).details(details).build();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      details.put("error", what + " at " + address + " is unreachable: " + rootMessage(e));
      return HealthResult.builder(name, HealthStatus.DOWN).details(details).build();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
