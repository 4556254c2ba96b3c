package dev.tenantwave.rollout.plan;

import java.util.List;

/** Reads the optional sections gates, failurePolicy and enterprise, each field over its default. */
final class SettingsReader {

  static final List<String> GATE_KEYS = List.of("windowSeconds", "bakeSeconds", "minRequests", "max5xxRate",
      "maxTimeoutRate", "maxP95Millis", "maxP99Millis", "maxErrorRateFactor", "maxP95Factor", "confidence");
  static final List<String> FAILURE_KEYS = List.of("maxFailedTenantsPerWave", "autoRollback", "onInconclusive");
  static final List<String> ENTERPRISE_KEYS = List.of("maintenanceWindowsOnly");

  private static final ValueType<Integer> WINDOW_SECONDS =
      ValueType.INT.where(v -> v >= 1 && v <= 3600, "a whole number of seconds from 1 to 3600");
  private static final ValueType<Integer> BAKE_SECONDS =
      ValueType.INT.where(v -> v >= 0 && v <= 86_400, "a whole number of seconds from 0 to 86400");
  private static final ValueType<Long> MIN_REQUESTS =
      ValueType.LONG.where(v -> v >= 1, "a whole number of requests, at least 1");
  private static final ValueType<Double> RATE =
      ValueType.NUMBER.where(v -> v >= 0 && v <= 1, "a rate from 0 to 1 (0.05 is 5 %)");
  private static final ValueType<Double> MILLIS = ValueType.NUMBER.where(v -> v > 0 && Double.isFinite(v),
      "a number of milliseconds greater than 0, or null for no absolute limit");
  private static final ValueType<Double> FACTOR = ValueType.NUMBER.where(v -> v >= 1 && Double.isFinite(v),
      "a factor of at least 1 over the tenant's baseline");
  private static final ValueType<Double> CONFIDENCE = ValueType.NUMBER.where(v -> v > 0.5 && v < 1,
      "a confidence greater than 0.5 and less than 1, such as 0.99");
  private static final ValueType<Integer> MAX_FAILED =
      ValueType.INT.where(v -> v >= 0, "a whole number of tenants, 0 or more");

  private SettingsReader() {}

  static GateSettings gates(Section gates) {
    GateSettings d = GateSettings.defaults();
    return new GateSettings(
        gates.optional("windowSeconds", WINDOW_SECONDS, d.windowSeconds()),
        gates.optional("bakeSeconds", BAKE_SECONDS, d.bakeSeconds()),
        gates.optional("minRequests", MIN_REQUESTS, d.minRequests()),
        gates.optional("max5xxRate", RATE, d.max5xxRate()),
        gates.optional("maxTimeoutRate", RATE, d.maxTimeoutRate()),
        gates.optional("maxP95Millis", MILLIS, d.maxP95Millis()),
        gates.optional("maxP99Millis", MILLIS, d.maxP99Millis()),
        gates.optional("maxErrorRateFactor", FACTOR, d.maxErrorRateFactor()),
        gates.optional("maxP95Factor", FACTOR, d.maxP95Factor()),
        gates.optional("confidence", CONFIDENCE, d.confidence()));
  }

  static FailurePolicy failurePolicy(Section policy) {
    FailurePolicy d = FailurePolicy.defaults();
    return new FailurePolicy(
        policy.optional("maxFailedTenantsPerWave", MAX_FAILED, d.maxFailedTenantsPerWave()),
        policy.optional("autoRollback", ValueType.BOOLEAN, d.autoRollback()),
        policy.optional("onInconclusive", ValueType.oneOf(InconclusivePolicy.class), d.onInconclusive()));
  }

  static boolean enterpriseInMaintenanceWindows(Section enterprise) {
    return enterprise.optional("maintenanceWindowsOnly", ValueType.BOOLEAN, true);
  }
}
