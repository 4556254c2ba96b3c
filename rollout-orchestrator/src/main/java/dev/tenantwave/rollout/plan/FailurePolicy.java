package dev.tenantwave.rollout.plan;

/** How many failed tenants a wave tolerates, whether failures roll back on their own, and what inconclusive means. */
public record FailurePolicy(int maxFailedTenantsPerWave, boolean autoRollback, InconclusivePolicy onInconclusive) {

  public static FailurePolicy defaults() {
    return new FailurePolicy(0, true, InconclusivePolicy.HOLD);
  }
}
