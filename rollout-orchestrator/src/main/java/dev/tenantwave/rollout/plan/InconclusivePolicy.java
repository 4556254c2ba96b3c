package dev.tenantwave.rollout.plan;

/** What a wave does with a tenant whose gate could not decide (too little traffic). */
public enum InconclusivePolicy {
  HOLD, PASS, FAIL
}
