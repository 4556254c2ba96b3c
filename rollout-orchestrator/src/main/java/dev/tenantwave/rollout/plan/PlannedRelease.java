package dev.tenantwave.rollout.plan;

import java.time.Instant;
import java.util.List;

/** The dry run of a plan against the catalog: who goes in which region, wave and step, and who is left out. */
public record PlannedRelease(ReleasePlan plan, List<PlannedRegion> regions, List<SkippedTenant> skipped,
    Instant plannedAt) {

  public PlannedRelease {
    regions = List.copyOf(regions);
    skipped = List.copyOf(skipped);
  }

  public int tenantCount() {
    return regions.stream().flatMap(r -> r.waves().stream()).flatMap(w -> w.steps().stream())
        .mapToInt(s -> s.tenants().size()).sum();
  }
}
