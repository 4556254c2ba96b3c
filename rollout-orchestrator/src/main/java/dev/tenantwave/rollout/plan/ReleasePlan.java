package dev.tenantwave.rollout.plan;

import java.util.List;
import java.util.Set;

/**
 * A release as its operator wrote it: from which version to which, with which migration set (null for none),
 * through which regions and waves, judged by which gates.
 */
public record ReleasePlan(String releaseId, String appVersion, String previousAppVersion, String migrationSet,
    RegionOrder regionOrder, List<RegionPlan> regions, GateSettings gates, FailurePolicy failurePolicy,
    boolean enterpriseInMaintenanceWindows, Set<String> excludeTenantIds) {

  public ReleasePlan {
    regions = List.copyOf(regions);
    excludeTenantIds = excludeTenantIds == null ? Set.of() : Set.copyOf(excludeTenantIds);
  }
}
