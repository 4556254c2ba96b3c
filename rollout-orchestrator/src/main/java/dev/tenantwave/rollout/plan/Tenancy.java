package dev.tenantwave.rollout.plan;

/** How a tenant's data is isolated: shared tables, its own schema, or its own database. */
public enum Tenancy {
  POOLED, SCHEMA, DATABASE
}
