package dev.tenantwave.rollout.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a plan and the catalog into the release's regions, waves and steps: each tenant only in its own region,
 * in the first wave that takes it, in the step its hash puts it in ({@link StepBuckets}). Pure and deterministic.
 */
public final class Planner {

  private Planner() {}

  public static PlannedRelease plan(ReleasePlan plan, Collection<CatalogTenant> catalog, Instant now) {
    Map<String, CatalogTenant> byId = new HashMap<>();
    catalog.forEach(t -> byId.putIfAbsent(t.id(), t));
    List<PlannedRegion> regions = new ArrayList<>();
    List<SkippedTenant> skipped = new ArrayList<>();
    for (int position = 0; position < plan.regions().size(); position++) {
      RegionPlan region = plan.regions().get(position);
      RegionAssignment.Result assignment = RegionAssignment.assign(plan, region, byId);
      List<PlannedWave> waves = new ArrayList<>();
      for (int i = 0; i < region.waves().size(); i++) {
        waves.add(wave(plan, i, region.waves().get(i), assignment.members().get(i), now));
      }
      regions.add(new PlannedRegion(region.region(), position, waves));
      skipped.addAll(assignment.skipped());
    }
    return new PlannedRelease(plan, regions, skipped, now);
  }

  private static PlannedWave wave(ReleasePlan plan, int index, WaveSpec spec, List<CatalogTenant> members,
      Instant now) {
    List<List<PlannedTenant>> byStep = new ArrayList<>();
    spec.steps().forEach(s -> byStep.add(new ArrayList<>()));
    for (CatalogTenant tenant : members) {
      int step = StepBuckets.stepIndex(spec.steps(), StepBuckets.bucket(plan.releaseId(), tenant.id()));
      byStep.get(step).add(planned(plan, tenant, now));
    }
    List<PlannedStep> steps = new ArrayList<>();
    for (int i = 0; i < spec.steps().size(); i++) {
      steps.add(new PlannedStep(i, spec.steps().get(i), byStep.get(i)));
    }
    return new PlannedWave(index, spec.name(), steps);
  }

  private static PlannedTenant planned(ReleasePlan plan, CatalogTenant tenant, Instant now) {
    if (!plan.enterpriseInMaintenanceWindows() || tenant.tier() != Tier.ENTERPRISE) {
      return new PlannedTenant(tenant.id(), tenant.tier(), tenant.tenancy(), Optional.empty(), false);
    }
    List<MaintenanceWindow> windows = tenant.maintenanceWindows();
    // a tenant without a window would wait forever: it stays in the plan, marked, so the dry run shows it
    boolean noWindow = windows.isEmpty();
    boolean openNow = windows.stream().anyMatch(w -> w.isOpen(now));
    Optional<Instant> next = openNow ? Optional.empty() : MaintenanceWindow.nextOpening(windows, now);
    return new PlannedTenant(tenant.id(), tenant.tier(), tenant.tenancy(), next, noWindow);
  }
}
