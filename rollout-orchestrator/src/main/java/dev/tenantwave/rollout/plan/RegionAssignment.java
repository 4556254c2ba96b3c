package dev.tenantwave.rollout.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Sorts the catalog tenants of one region into its waves; the first wave whose cohort takes a tenant gets it.
 * A tenant that a wave asked for, by name or by its criteria, but that cannot go is skipped with the reason;
 * tenants no wave asked for are simply not in the release.
 */
final class RegionAssignment {

  record Result(List<List<CatalogTenant>> members, List<SkippedTenant> skipped) {}

  private final ReleasePlan plan;
  private final RegionPlan region;
  private final List<List<CatalogTenant>> members = new ArrayList<>();
  private final SortedMap<String, String> skips = new TreeMap<>();

  private RegionAssignment(ReleasePlan plan, RegionPlan region) {
    this.plan = plan;
    this.region = region;
    region.waves().forEach(w -> members.add(new ArrayList<>()));
  }

  static Result assign(ReleasePlan plan, RegionPlan region, Map<String, CatalogTenant> catalog) {
    RegionAssignment assignment = new RegionAssignment(plan, region);
    assignment.skipNamedTenantsThatCannotBeHere(catalog);
    catalog.values().stream().filter(t -> region.region().equals(t.region()))
        .sorted(Comparator.comparing(CatalogTenant::id)).forEach(assignment::place);
    List<SkippedTenant> skipped = new ArrayList<>();
    assignment.skips.forEach((id, reason) -> skipped.add(new SkippedTenant(id, region.region(), reason)));
    return new Result(assignment.members, skipped);
  }

  private void skipNamedTenantsThatCannotBeHere(Map<String, CatalogTenant> catalog) {
    for (WaveSpec wave : region.waves()) {
      for (String id : wave.cohort().tenantIds()) {
        CatalogTenant tenant = catalog.get(id);
        if (tenant == null) {
          skips.putIfAbsent(id, "not in the catalog");
        } else if (!region.region().equals(tenant.region())) {
          skips.putIfAbsent(id, "region " + tenant.region() + " is not " + region.region()
              + ": a tenant is only released in its own region");
        }
      }
    }
  }

  private void place(CatalogTenant tenant) {
    Optional<WaveSpec> wanted = firstWave(w -> w.cohort().selectsIgnoringExclusions(tenant));
    Optional<WaveSpec> naming = firstWave(w -> w.cohort().tenantIds().contains(tenant.id()));
    if (wanted.isEmpty() && naming.isEmpty()) {
      return;
    }
    if (plan.excludeTenantIds().contains(tenant.id())) {
      skips.put(tenant.id(), "excluded by the plan");
    } else if (tenant.status() != TenantStatus.ACTIVE) {
      skips.put(tenant.id(), "status " + tenant.status());
    } else {
      for (int i = 0; i < region.waves().size(); i++) {
        if (region.waves().get(i).cohort().matches(tenant)) {
          members.get(i).add(tenant);
          return;
        }
      }
      skips.put(tenant.id(), wanted.isPresent() ? "excluded by wave " + wanted.get().name()
          : "named by wave " + naming.get().name() + " but outside its cohort: its track, tier or flags do not match");
    }
  }

  private Optional<WaveSpec> firstWave(Predicate<WaveSpec> test) {
    return region.waves().stream().filter(test).findFirst();
  }
}
