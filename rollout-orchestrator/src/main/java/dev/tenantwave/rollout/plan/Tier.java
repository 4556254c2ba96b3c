package dev.tenantwave.rollout.plan;

/** A tenant's commercial tier; ENTERPRISE tenants may be held to their maintenance windows. */
public enum Tier {
  FREE, SMB, ENTERPRISE
}
