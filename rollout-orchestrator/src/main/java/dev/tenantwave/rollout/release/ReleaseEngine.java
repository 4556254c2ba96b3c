package dev.tenantwave.rollout.release;

import dev.tenantwave.rollout.plan.Tier;
import dev.tenantwave.rollout.tenant.Effect;
import dev.tenantwave.rollout.tenant.RolloutStatus;
import dev.tenantwave.rollout.tenant.TenantEvent;
import dev.tenantwave.rollout.tenant.TenantRollout;
import dev.tenantwave.rollout.tenant.TenantTransitions;
import dev.tenantwave.rollout.tenant.Transition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies events and operator actions to a release inside one transaction of a {@link ReleaseStore}: each tenant's
 * transition, then as many rounds of {@link ReleaseProgression} as it takes (a stage that completes starts the
 * next), then one status update. Everything it decides goes to the store; it keeps nothing between calls.
 */
public final class ReleaseEngine {

  private static final Set<RolloutStatus> PROMOTABLE = EnumSet.of(RolloutStatus.MIGRATING, RolloutStatus.BAKING,
      RolloutStatus.HELD);
  private static final Set<RolloutStatus> ABORTABLE = EnumSet.of(RolloutStatus.WAITING, RolloutStatus.WINDOW_WAIT,
      RolloutStatus.EXPANDING, RolloutStatus.MIGRATING, RolloutStatus.BAKING, RolloutStatus.HELD,
      RolloutStatus.PASSED, RolloutStatus.FAILED, RolloutStatus.ISOLATED);

  private final WindowCalendar windows;
  private final Clock clock;

  public ReleaseEngine(WindowCalendar windows, Clock clock) {
    this.windows = windows;
    this.clock = clock;
  }

  /** Applies events for tenants of one release; events for tenants it does not hold change nothing. */
  public void onTenantEvents(ReleaseStore store, String releaseId, List<TenantInput> inputs) {
    Optional<Release> locked = store.lock(releaseId);
    if (locked.isEmpty()) {
      return;
    }
    Release release = locked.get();
    Work work = new Work(store, release);
    work.load(inputs.stream().map(TenantInput::tenantId).toList());
    for (TenantInput input : inputs) {
      work.apply(input.tenantId(), input.event());
    }
    work.finish();
  }

  public ActionResult act(ReleaseStore store, String releaseId, OperatorAction action) {
    Optional<Release> locked = store.lock(releaseId);
    if (locked.isEmpty()) {
      return new ActionResult.NotFound("no release '" + releaseId + "'");
    }
    Release release = locked.get();
    Optional<String> refusal = refusal(release, action);
    if (refusal.isPresent()) {
      return new ActionResult.Conflict(refusal.get());
    }
    Work work = new Work(store, release);
    if (action instanceof OperatorAction.Start) {
      work.release = ReleaseProgression.start(release);
    } else if (action instanceof OperatorAction.Pause pause) {
      String reason = "paused by " + pause.actor() + ": " + pause.reason();
      work.release = pause.region() == null ? release.with(ReleaseState.PAUSED, reason)
          : release.with(release.region(pause.region()).orElseThrow().with(RegionState.PAUSED, reason));
    } else if (action instanceof OperatorAction.Resume resume) {
      work.release = resume(release, store, resume.region());
    } else if (action instanceof OperatorAction.Promote promote) {
      for (RegionProgress region : promoted(release, promote.region())) {
        List<TenantRollout> tenants = store.tenantsOfStage(releaseId, region.region(), region.currentStage());
        work.hold(tenants);
        tenants.stream().filter(t -> PROMOTABLE.contains(t.status()))
            .forEach(t -> work.apply(t.tenantId(), new TenantEvent.Promote(promote.actor())));
      }
    } else if (action instanceof OperatorAction.Abort abort) {
      work.release = release.with(ReleaseState.ABORTING, "aborted by " + abort.actor() + ": " + abort.reason());
      List<TenantRollout> tenants = store.tenantsIn(releaseId, ABORTABLE);
      work.hold(tenants);
      tenants.forEach(t -> work.apply(t.tenantId(), new TenantEvent.RollBack(abort.actor(), abort.reason())));
    } else if (action instanceof OperatorAction.ApproveContract approve) {
      work.release = release.with(ReleaseState.CONTRACTING, "contract approved by " + approve.actor())
          .approved(approve.actor(), clock.instant());
      List<TenantRollout> passed = store.tenantsIn(releaseId, EnumSet.of(RolloutStatus.PASSED));
      work.hold(passed);
      passed.forEach(t -> work.apply(t.tenantId(), new TenantEvent.Contract()));
    } else if (action instanceof OperatorAction.ForTenant forTenant) {
      work.load(List.of(forTenant.tenantId()));
      if (!work.tenants.containsKey(forTenant.tenantId())) {
        return new ActionResult.NotFound("tenant '" + forTenant.tenantId() + "' is not in release '" + releaseId + "'");
      }
      Transition transition = work.apply(forTenant.tenantId(), forTenant.event());
      if (transition instanceof Transition.Rejected rejected) {
        return new ActionResult.Conflict(rejected.why());
      }
    }
    store.audit(action.actor(), action.name(), releaseId,
        action instanceof OperatorAction.ForTenant t ? t.tenantId() : null, action.reason());
    work.finish();
    return new ActionResult.Done(work.release);
  }

  private Release resume(Release release, ReleaseStore store, String region) {
    if (region == null) {
      return release.with(ReleaseState.RUNNING, null);
    }
    RegionProgress progress = release.region(region).orElseThrow();
    if (progress.currentStage() >= 0) {
      Stage stage = release.stagesOf(region).get(progress.currentStage());
      long failed = store.tally(release.id()).failedInWave(region, stage.wave());
      long budget = release.plan().failurePolicy().maxFailedTenantsPerWave();
      progress = progress.accepting(stage.wave(), (int) Math.max(0, failed - budget));
    }
    return release.with(progress.with(RegionState.RUNNING, null));
  }

  private static List<RegionProgress> promoted(Release release, String region) {
    return release.regions().stream()
        .filter(r -> region == null || r.region().equals(region))
        .filter(r -> r.currentStage() >= 0 && r.state() != RegionState.COMPLETED).toList();
  }

  private static Optional<String> refusal(Release release, OperatorAction action) {
    ReleaseState state = release.state();
    String region = action.region();
    if (region != null && release.region(region).isEmpty()) {
      return Optional.of("release '" + release.id() + "' has no region '" + region + "'; its regions are "
          + release.regions().stream().map(RegionProgress::region).toList());
    }
    String is = "release '" + release.id() + "' is " + state;
    if (action instanceof OperatorAction.Start) {
      return state == ReleaseState.DRAFT ? Optional.empty() : Optional.of(is + "; only a DRAFT release can be started");
    }
    if (action instanceof OperatorAction.Pause) {
      if (region == null) {
        return state == ReleaseState.RUNNING ? Optional.empty()
            : Optional.of(is + "; only a RUNNING release can be paused");
      }
      if (state != ReleaseState.RUNNING && state != ReleaseState.PAUSED) {
        return Optional.of(is + "; its regions cannot be paused");
      }
      RegionState regionState = release.region(region).get().state();
      return regionState == RegionState.RUNNING ? Optional.empty()
          : Optional.of("region " + region + " is " + regionState + "; only a RUNNING region can be paused");
    }
    if (action instanceof OperatorAction.Resume) {
      if (region == null) {
        return state == ReleaseState.PAUSED ? Optional.empty()
            : Optional.of(is + "; only a PAUSED release can be resumed");
      }
      if (state != ReleaseState.RUNNING && state != ReleaseState.PAUSED) {
        return Optional.of(is + "; its regions cannot be resumed");
      }
      RegionState regionState = release.region(region).get().state();
      return regionState == RegionState.PAUSED ? Optional.empty()
          : Optional.of("region " + region + " is " + regionState + "; only a PAUSED region can be resumed");
    }
    if (action instanceof OperatorAction.Promote) {
      if (state != ReleaseState.RUNNING && state != ReleaseState.PAUSED) {
        return Optional.of(is + "; only a running release's steps can be promoted");
      }
      return promoted(release, region).isEmpty()
          ? Optional.of((region == null ? "no region" : "region " + region) + " of release '" + release.id()
              + "' has a step in progress to promote")
          : Optional.empty();
    }
    if (action instanceof OperatorAction.Abort) {
      if (state.isPastPointOfNoReturn()) {
        return Optional.of(pointOfNoReturn(release));
      }
      return state == ReleaseState.ABORTING || state == ReleaseState.ABORTED ? Optional.of(is + " already")
          : Optional.empty();
    }
    if (action instanceof OperatorAction.ApproveContract) {
      if (state == ReleaseState.AWAITING_CONTRACT_APPROVAL) {
        return Optional.empty();
      }
      return Optional.of(state.isPastPointOfNoReturn()
          ? is + "; its contract was already approved by " + release.approvedBy() + " at " + release.approvedAt()
          : is + "; contract can be approved only when every region has completed (AWAITING_CONTRACT_APPROVAL)");
    }
    OperatorAction.ForTenant forTenant = (OperatorAction.ForTenant) action;
    if (forTenant.event() instanceof TenantEvent.RollBack && state.isPastPointOfNoReturn()) {
      return Optional.of(pointOfNoReturn(release));
    }
    if (state == ReleaseState.DRAFT) {
      return Optional.of(is + "; start it before acting on its tenants");
    }
    return state.isFinished() ? Optional.of(is + "; its tenants can no longer change") : Optional.empty();
  }

  private static String pointOfNoReturn(Release release) {
    return "contract is the point of no return: release '" + release.id() + "' had its contract approved by "
        + release.approvedBy() + " at " + release.approvedAt() + ", so it can no longer be rolled back";
  }

  /** One transaction's worth of changes to a release. */
  private final class Work {

    private final ReleaseStore store;
    private final Release original;
    private Release release;
    private final Map<String, TenantRollout> tenants = new LinkedHashMap<>();
    private final Map<String, TenantRollout> changed = new LinkedHashMap<>();

    Work(ReleaseStore store, Release release) {
      this.store = store;
      this.original = release;
      this.release = release;
    }

    void load(Collection<String> tenantIds) {
      hold(store.tenants(release.id(), tenantIds.stream().filter(id -> !tenants.containsKey(id)).distinct().toList()));
    }

    void hold(List<TenantRollout> loaded) {
      loaded.forEach(t -> tenants.putIfAbsent(t.tenantId(), t));
    }

    Transition apply(String tenantId, TenantEvent event) {
      TenantRollout tenant = tenants.get(tenantId);
      if (tenant == null) {
        return new Transition.Ignored("not in this release");
      }
      Transition transition = TenantTransitions.apply(tenant, event, release.rules(), clock.instant());
      if (transition instanceof Transition.Applied applied) {
        tenants.put(tenantId, applied.next());
        changed.put(tenantId, applied.next());
        for (Effect effect : applied.effects()) {
          store.emit(release, applied.next(), effect);
        }
      }
      return transition;
    }

    void finish() {
      for (int round = 0; round <= release.stages().size() + release.regions().size() + 2; round++) {
        flush();
        ReleaseProgression.Round next = ReleaseProgression.advance(release, store.tally(release.id()));
        boolean moved = !next.release().equals(release);
        release = next.release();
        for (Stage stage : next.started()) {
          startStage(stage);
        }
        if (!moved && next.started().isEmpty()) {
          break;
        }
      }
      flush();
      if (!release.equals(original) || !changed.isEmpty() || tenantsChangedSinceLoad) {
        store.save(release);
        store.statusChanged(release, store.tally(release.id()));
      }
    }

    private boolean tenantsChangedSinceLoad;

    private void flush() {
      if (!changed.isEmpty()) {
        store.update(release.id(), changed.values());
        changed.clear();
        tenantsChangedSinceLoad = true;
      }
    }

    private void startStage(Stage stage) {
      List<TenantRollout> members = store.tenantsOfStage(release.id(), stage.region(), stage.index());
      hold(members);
      store.stageStarted(release, stage, members.stream().map(TenantRollout::tenantId).toList());
      Instant now = clock.instant();
      for (TenantRollout member : members) {
        Instant opensAt = null;
        if (member.tier() == Tier.ENTERPRISE && release.plan().enterpriseInMaintenanceWindows()) {
          opensAt = windows.nextOpening(member.tenantId(), now).orElse(null);
        }
        apply(member.tenantId(), new TenantEvent.StepStarted(opensAt));
      }
    }
  }
}
