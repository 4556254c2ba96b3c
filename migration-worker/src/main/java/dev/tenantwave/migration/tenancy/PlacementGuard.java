package dev.tenantwave.migration.tenancy;

import dev.tenantwave.service.placement.PlacementIndex;
import dev.tenantwave.service.placement.PlacementRule;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A worker migrates a tenant only where {@link PlacementRule} lets a tenant live, whatever the catalog says: never in
 * PostgreSQL's own or a Tenantwave service's database, never in a schema or database that is another tenant's.
 * The catalog refuses such placements; this is the same rule again, before any SQL, for entries written before it
 * or by another writer. Both tenants of a shared place are refused: the worker cannot tell which one is right.
 * The directory's placements are indexed once per catalog change, so a command costs a few lookups, not a scan of
 * its database's tenants.
 */
public final class PlacementGuard {

  private record Snapshot(long generation, PlacementIndex index) {}

  private final PlacementRule rule;
  private volatile Snapshot snapshot = new Snapshot(Long.MIN_VALUE, null);

  public PlacementGuard(PlacementRule rule) {
    this.rule = rule;
  }

  public static PlacementGuard withDefaults() {
    return new PlacementGuard(PlacementRule.withDefaults());
  }

  /** Why this worker must not migrate the tenant, or empty when it may. */
  public Optional<String> violation(TenantPlacement tenant, TenantDirectory directory) {
    List<PlacementRule.Refusal> refusals = rule.check(tenant.asPlacement(),
        index(directory).near(tenant.asPlacement()));
    if (refusals.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("placement refused: tenant '" + tenant.tenantId() + "': "
        + refusals.stream().map(PlacementRule.Refusal::detail).collect(Collectors.joining("; "))
        + "; fix the tenant's placement in the catalog; no SQL was run");
  }

  private PlacementIndex index(TenantDirectory directory) {
    Snapshot current = snapshot;
    long generation = directory.generation(); // read before all(): a change during the rebuild forces another
    if (current.index() == null || current.generation() != generation) {
      current = new Snapshot(generation,
          new PlacementIndex(directory.all().stream().map(TenantPlacement::asPlacement).toList()));
      snapshot = current;
    }
    return current.index();
  }
}
