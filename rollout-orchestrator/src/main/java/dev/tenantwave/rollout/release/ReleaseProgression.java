package dev.tenantwave.rollout.release;

import dev.tenantwave.rollout.plan.RegionOrder;
import dev.tenantwave.rollout.tenant.RolloutStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Moves each region's pipeline on from the counts of its tenants: a stage completes when all its tenants have
 * settled, then the next starts; a wave with more failed tenants than the policy tolerates pauses its region (the
 * others go on); when every region has completed, the release waits for contract approval. Pure.
 */
public final class ReleaseProgression {

  /** Tenants still moving: an aborting release is done when none is left. */
  static final Set<RolloutStatus> UNSETTLED_WHEN_ABORTING = Set.of(RolloutStatus.WAITING, RolloutStatus.WINDOW_WAIT,
      RolloutStatus.EXPANDING, RolloutStatus.MIGRATING, RolloutStatus.BAKING, RolloutStatus.HELD,
      RolloutStatus.PASSED, RolloutStatus.ROLLING_BACK);

  /** The release after one round, and the stages that round started (their tenants must be started). */
  public record Round(Release release, List<Stage> started) {}

  private ReleaseProgression() {}

  public static Round advance(Release release, Tally tally) {
    return switch (release.state()) {
      case RUNNING -> advanceRegions(release, tally);
      case CONTRACTING -> new Round(tally.count(RolloutStatus.CONTRACTING) == 0
          ? release.with(ReleaseState.COMPLETED, "contracted") : release, List.of());
      case ABORTING -> new Round(UNSETTLED_WHEN_ABORTING.stream().mapToLong(tally::count).sum() == 0
          ? release.with(ReleaseState.ABORTED, release.stateReason()) : release, List.of());
      default -> new Round(release, List.of());
    };
  }

  private static Round advanceRegions(Release release, Tally tally) {
    List<Stage> started = new ArrayList<>();
    Release next = release;
    for (RegionProgress region : release.regions()) {
      if (region.state() != RegionState.RUNNING) {
        continue;
      }
      List<Stage> stages = release.stagesOf(region.region());
      int current = region.currentStage();
      if (current >= 0) {
        Stage stage = stages.get(current);
        long failed = tally.failedInWave(region.region(), stage.wave());
        int budget = release.plan().failurePolicy().maxFailedTenantsPerWave() + region.accepted(stage.wave());
        if (failed > budget) {
          next = next.with(region.with(RegionState.PAUSED, "wave " + stage.waveName() + ": " + failed
              + " failed tenant(s), the failure policy tolerates "
              + release.plan().failurePolicy().maxFailedTenantsPerWave()));
          continue;
        }
        if (!tally.stageSettled(region.region(), current)) {
          continue;
        }
      }
      if (current + 1 < stages.size()) {
        next = next.with(region.at(current + 1));
        started.add(stages.get(current + 1));
      } else {
        next = next.with(region.with(RegionState.COMPLETED, null));
      }
    }
    next = startNextSequentialRegion(next);
    if (next.regions().stream().allMatch(r -> r.state() == RegionState.COMPLETED)) {
      next = release.plan().migrationSet() == null
          ? next.with(ReleaseState.COMPLETED, "every region completed; the release has no migration to contract")
          : next.with(ReleaseState.AWAITING_CONTRACT_APPROVAL, "every region completed; contract needs an admin's approval");
    }
    return new Round(next, started);
  }

  private static Release startNextSequentialRegion(Release release) {
    if (release.plan().regionOrder() != RegionOrder.SEQUENTIAL) {
      return release;
    }
    boolean busy = release.regions().stream()
        .anyMatch(r -> r.state() == RegionState.RUNNING || r.state() == RegionState.PAUSED);
    if (busy) {
      return release;
    }
    return release.regions().stream().filter(r -> r.state() == RegionState.WAITING).findFirst()
        .map(r -> release.with(r.with(RegionState.RUNNING, null))).orElse(release);
  }

  /** The regions a starting release runs first: all of them, or the first in order. */
  public static Release start(Release release) {
    Release next = release.with(ReleaseState.RUNNING, null);
    if (release.plan().regionOrder() == RegionOrder.PARALLEL) {
      for (RegionProgress region : release.regions()) {
        next = next.with(region.with(RegionState.RUNNING, null));
      }
      return next;
    }
    return startNextSequentialRegion(next);
  }
}
