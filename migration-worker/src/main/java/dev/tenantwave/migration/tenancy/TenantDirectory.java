package dev.tenantwave.migration.tenancy;

import java.util.List;
import java.util.Optional;

/** Where tenants live: the worker's read of the catalog ({@code tenant.catalog.v1}). */
public interface TenantDirectory {

  Optional<TenantPlacement> find(String tenantId);

  /** Every tenant whose data is in this database of this cluster. */
  List<TenantPlacement> inDatabase(String cluster, String database);

  List<TenantPlacement> all();
}
