package dev.tenantwave.migration.tenancy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where tenants live: the worker's read of the catalog ({@code tenant.catalog.v1}). */
public interface TenantDirectory {

  /**
   * The tenant's placement, or empty when the catalog does not know it.
   *
   * @throws IllegalArgumentException when the catalog knows the tenant but its id or names break the placement rule
   *     (the message says how): such a tenant cannot be migrated, and saying so beats "unknown tenant"
   */
  Optional<TenantPlacement> find(String tenantId);

  /** Every tenant whose data is in this database of this cluster (those whose names break the rule left out). */
  List<TenantPlacement> inDatabase(String cluster, String database);

  List<TenantPlacement> all();

  /**
   * Waits until the directory holds the whole catalog as it was when the worker started; false on timeout. Until
   * then a tenant it does not find may only not have been read yet. A directory filled in advance is ready.
   */
  default boolean awaitReady(Duration timeout) throws InterruptedException {
    return true;
  }

  /**
   * Waits until the directory holds everything the catalog holds now; false on timeout. A tenant it did not find
   * may be one created a moment ago. A directory filled in advance is always current.
   */
  default boolean awaitCurrent(Duration timeout) throws InterruptedException {
    return true;
  }

  /** A number that changes whenever a tenant is added, changed or removed: what is derived from all() may be kept. */
  long generation();
}
