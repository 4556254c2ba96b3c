package dev.tenantwave.migration.tenancy;

/** How a tenant's data is isolated. */
public enum TenancyModel {
  /** Shared tables with a tenant column, row-level security enabled and forced. */
  POOLED,
  /** A schema per tenant in a shared database. */
  SCHEMA,
  /** A database per tenant. */
  DATABASE
}
