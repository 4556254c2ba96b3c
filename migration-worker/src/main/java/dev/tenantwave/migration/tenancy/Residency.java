package dev.tenantwave.migration.tenancy;

import java.util.Optional;
import java.util.Set;

/** A worker touches only the databases of the regions it serves; anything else is refused before any SQL. */
public record Residency(Set<String> servedRegions) {

  public Residency {
    servedRegions = Set.copyOf(servedRegions);
  }

  /** Why this worker must not migrate the tenant, or empty when it may. */
  public Optional<String> violation(TenantPlacement tenant) {
    if (servedRegions.contains(tenant.region())) {
      return Optional.empty();
    }
    return Optional.of("residency: tenant '" + tenant.tenantId() + "' lives in region '" + tenant.region()
        + "' but this worker serves only " + servedRegions.stream().sorted().toList() + "; no SQL was run");
  }
}
