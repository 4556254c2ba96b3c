package dev.tenantwave.rollout.plan;

import java.util.List;

/** One percentage step of a wave with the tenants it adds, in order of id; it may be empty for a small cohort. */
public record PlannedStep(int index, int percent, List<PlannedTenant> tenants) {

  public PlannedStep {
    tenants = List.copyOf(tenants);
  }
}
