package dev.tenantwave.rollout.api;

import dev.tenantwave.rollout.api.ReleaseViews.EnterpriseWaitView;
import dev.tenantwave.rollout.api.ReleaseViews.PlanView;
import dev.tenantwave.rollout.api.ReleaseViews.PlannedRegionView;
import dev.tenantwave.rollout.api.ReleaseViews.PlannedStepView;
import dev.tenantwave.rollout.api.ReleaseViews.PlannedWaveView;
import dev.tenantwave.rollout.api.ReleaseViews.SkippedView;
import dev.tenantwave.rollout.plan.PlannedRelease;
import dev.tenantwave.rollout.plan.PlannedTenant;
import dev.tenantwave.rollout.plan.Tier;
import java.util.List;

/** A planned release as the API shows it. */
final class PlanViews {

  private PlanViews() {}

  static PlanView of(PlannedRelease planned) {
    var plan = planned.plan();
    return new PlanView(plan.releaseId(), plan.appVersion(), plan.previousAppVersion(), plan.migrationSet(),
        plan.regionOrder().name(), planned.tenantCount(),
        planned.regions().stream().map(region -> new PlannedRegionView(region.region(), region.position(),
            region.waves().stream().map(wave -> new PlannedWaveView(wave.index(), wave.name(),
                wave.steps().stream().map(step -> new PlannedStepView(step.index(), step.percent(),
                    step.tenants().stream().map(PlannedTenant::tenantId).toList(),
                    waits(step.tenants()))).toList())).toList())).toList(),
        planned.skipped().stream().map(s -> new SkippedView(s.tenantId(), s.region(), s.reason())).toList(),
        planned.plannedAt());
  }

  private static List<EnterpriseWaitView> waits(List<PlannedTenant> tenants) {
    List<EnterpriseWaitView> waits = tenants.stream().filter(t -> t.tier() == Tier.ENTERPRISE)
        .filter(t -> t.nextWindow().isPresent() || t.noWindow())
        .map(t -> new EnterpriseWaitView(t.tenantId(), t.nextWindow().orElse(null), t.noWindow())).toList();
    return waits.isEmpty() ? null : waits;
  }
}
