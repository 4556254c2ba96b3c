package dev.tenantwave.rollout.plan;

/** A tenant's lifecycle status; only ACTIVE tenants are released to. */
public enum TenantStatus {
  ACTIVE, SUSPENDED, OFFBOARDING
}
