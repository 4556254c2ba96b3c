package dev.tenantwave.rollout.plan;

/** How early a tenant takes new versions: internal tenants first, design partners next, then everyone. */
public enum Track {
  INTERNAL, DESIGN_PARTNER, GENERAL
}
