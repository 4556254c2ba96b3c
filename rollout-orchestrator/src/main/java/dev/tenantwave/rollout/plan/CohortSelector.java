package dev.tenantwave.rollout.plan;

import java.util.Map;
import java.util.Set;

/**
 * Which tenants of a region a wave takes: every non-empty criterion must hold. {@code tenantIds}, when not empty,
 * is an explicit list (still subject to the other criteria); {@code excludeTenantIds} are never taken.
 */
public record CohortSelector(Set<Track> tracks, Set<Tier> tiers, Map<String, Boolean> flags, Set<String> tenantIds,
    Set<String> excludeTenantIds) {

  public CohortSelector {
    tracks = tracks == null ? Set.of() : Set.copyOf(tracks);
    tiers = tiers == null ? Set.of() : Set.copyOf(tiers);
    flags = flags == null ? Map.of() : Map.copyOf(flags);
    tenantIds = tenantIds == null ? Set.of() : Set.copyOf(tenantIds);
    excludeTenantIds = excludeTenantIds == null ? Set.of() : Set.copyOf(excludeTenantIds);
  }

  public boolean matches(CatalogTenant t) {
    return selectsIgnoringExclusions(t) && !excludeTenantIds.contains(t.id());
  }

  /** Whether the tenant would be taken but for {@code excludeTenantIds}, so the planner can name who excluded it. */
  boolean selectsIgnoringExclusions(CatalogTenant t) {
    return (tracks.isEmpty() || tracks.contains(t.track()))
        && (tiers.isEmpty() || tiers.contains(t.tier()))
        && flags.entrySet().stream().allMatch(f -> t.flag(f.getKey()) == f.getValue())
        && (tenantIds.isEmpty() || tenantIds.contains(t.id()));
  }
}
