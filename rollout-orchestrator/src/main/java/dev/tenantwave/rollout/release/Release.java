package dev.tenantwave.rollout.release;

import dev.tenantwave.rollout.plan.ReleasePlan;
import dev.tenantwave.rollout.tenant.TenantRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A release: its plan, its state, and each region's pipeline over its stages. */
public record Release(String id, ReleasePlan plan, ReleaseState state, String stateReason, List<RegionProgress> regions,
                      List<Stage> stages, String approvedBy, Instant approvedAt, long version) {

  public TenantRules rules() {
    return new TenantRules(plan.migrationSet() != null, plan.failurePolicy());
  }

  public Release with(ReleaseState newState, String reason) {
    return new Release(id, plan, newState, reason, regions, stages, approvedBy, approvedAt, version);
  }

  public Release approved(String by, Instant at) {
    return new Release(id, plan, state, stateReason, regions, stages, by, at, version);
  }

  public Release with(RegionProgress region) {
    List<RegionProgress> updated = new ArrayList<>(regions);
    updated.replaceAll(r -> r.region().equals(region.region()) ? region : r);
    return new Release(id, plan, state, stateReason, List.copyOf(updated), stages, approvedBy, approvedAt, version);
  }

  public Optional<RegionProgress> region(String region) {
    return regions.stream().filter(r -> r.region().equals(region)).findFirst();
  }

  public List<Stage> stagesOf(String region) {
    return stages.stream().filter(s -> s.region().equals(region)).toList();
  }

  public Optional<Stage> stage(String region, int index) {
    return stages.stream().filter(s -> s.region().equals(region) && s.index() == index).findFirst();
  }
}
