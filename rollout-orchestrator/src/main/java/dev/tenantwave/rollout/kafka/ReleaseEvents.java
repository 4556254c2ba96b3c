package dev.tenantwave.rollout.kafka;

import dev.tenantwave.events.CohortPromotionRequested;
import dev.tenantwave.events.GateSpec;
import dev.tenantwave.events.MigrationPhase;
import dev.tenantwave.events.RegionProgress;
import dev.tenantwave.events.ReleaseState;
import dev.tenantwave.events.ReleaseStatus;
import dev.tenantwave.events.TenantMigrationRequested;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRolloutState;
import dev.tenantwave.events.Topics;
import dev.tenantwave.messaging.OutboxMessage;
import dev.tenantwave.rollout.plan.GateSettings;
import dev.tenantwave.rollout.release.Release;
import dev.tenantwave.rollout.release.Stage;
import dev.tenantwave.rollout.release.Tally;
import dev.tenantwave.rollout.tenant.Effect;
import dev.tenantwave.rollout.tenant.MigrationStep;
import dev.tenantwave.rollout.tenant.RolloutStatus;
import dev.tenantwave.rollout.tenant.TenantRollout;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The orchestrator's decisions as the contract's Avro events, ready for the outbox. */
public final class ReleaseEvents {

  private ReleaseEvents() {}

  /**
   * {@code release.tenant-state.v1}: which version the tenant must get. A tenant that is not (or no longer) on the
   * release's version gets the previous one as {@code appVersion}, with the release's version as
   * {@code previousAppVersion}.
   */
  public static OutboxMessage tenantState(Release release, TenantRollout tenant, Effect.AnnounceState state,
      long version, Instant now) {
    String newVersion = release.plan().appVersion();
    String oldVersion = release.plan().previousAppVersion();
    TenantReleaseState event = TenantReleaseState.newBuilder()
        .setEventId(UUID.randomUUID())
        .setVersion(version)
        .setTenantId(tenant.tenantId())
        .setReleaseId(release.id())
        .setRegion(tenant.region())
        .setWave(tenant.wave())
        .setAppVersion(state.onNewVersion() ? newVersion : oldVersion)
        .setPreviousAppVersion(state.onNewVersion() ? oldVersion : newVersion)
        .setPhase(dev.tenantwave.events.ReleasePhase.valueOf(state.phase().name()))
        .setState(TenantRolloutState.valueOf(state.state().name()))
        .setSince(now)
        .setGates(gateSpec(release.plan().gates()))
        .build();
    return new OutboxMessage(Topics.RELEASE_TENANT_STATE.name(), tenant.tenantId(), event);
  }

  public static OutboxMessage command(Release release, TenantRollout tenant, MigrationStep step, int attempt,
      long sequence, Instant now) {
    TenantMigrationRequested event = TenantMigrationRequested.newBuilder()
        .setEventId(UUID.randomUUID())
        .setSequence(sequence)
        .setReleaseId(release.id())
        .setTenantId(tenant.tenantId())
        .setMigrationSet(release.plan().migrationSet())
        .setPhase(MigrationPhase.valueOf(step.name()))
        .setAttempt(attempt)
        .setRequestedAt(now)
        .build();
    return new OutboxMessage(Topics.MIGRATION_COMMANDS.name(), tenant.tenantId(), event);
  }

  public static OutboxMessage promotion(Release release, Stage stage, List<String> tenantIds, long sequence,
      Instant now) {
    CohortPromotionRequested event = CohortPromotionRequested.newBuilder()
        .setEventId(UUID.randomUUID())
        .setSequence(sequence)
        .setReleaseId(release.id())
        .setRegion(stage.region())
        .setWave(stage.wave())
        .setCohort(stage.cohort())
        .setTenantIds(tenantIds)
        .setPhase(dev.tenantwave.events.ReleasePhase.EXPAND)
        .setRequestedAt(now)
        .build();
    return new OutboxMessage(Topics.ROLLOUT_PROMOTIONS.name(), release.id(), event);
  }

  public static OutboxMessage status(Release release, Tally tally, Instant now) {
    Map<String, Long> counts = new HashMap<>();
    tally.byStatus().forEach((status, count) -> counts.merge(announced(status).name(), count, Long::sum));
    List<RegionProgress> regions = release.regions().stream().map(region -> RegionProgress.newBuilder()
        .setRegion(region.region())
        .setCurrentWave(region.currentStage() < 0 ? 0 : release.stagesOf(region.region()).get(region.currentStage()).wave())
        .setTotalWaves((int) release.stagesOf(region.region()).stream().mapToInt(Stage::wave).distinct().count())
        .setState(region.state().name())
        .build()).toList();
    ReleaseStatus event = ReleaseStatus.newBuilder()
        .setEventId(UUID.randomUUID())
        .setVersion(release.version())
        .setReleaseId(release.id())
        .setAppVersion(release.plan().appVersion())
        .setMigrationSet(release.plan().migrationSet())
        .setState(state(release))
        .setRegions(regions)
        .setTenantCounts(counts)
        .setUpdatedAt(now)
        .build();
    return new OutboxMessage(Topics.RELEASE_STATUS.name(), release.id(), event);
  }

  private static ReleaseState state(Release release) {
    return switch (release.state()) {
      case DRAFT -> ReleaseState.DRAFT;
      case RUNNING -> ReleaseState.RUNNING;
      case PAUSED -> ReleaseState.PAUSED;
      case AWAITING_CONTRACT_APPROVAL -> ReleaseState.AWAITING_CONTRACT_APPROVAL;
      case CONTRACTING -> ReleaseState.CONTRACTING;
      case COMPLETED -> ReleaseState.COMPLETED;
      case ABORTING -> ReleaseState.ROLLING_BACK;
      case ABORTED -> ReleaseState.ABORTED;
    };
  }

  /** The contract's coarser state names for the status topic's counts. */
  static TenantRolloutState announced(RolloutStatus status) {
    return switch (status) {
      case WAITING, WINDOW_WAIT -> TenantRolloutState.WAITING;
      case EXPANDING, MIGRATING, BAKING, HELD, ROLLING_BACK, CONTRACTING -> TenantRolloutState.IN_PROGRESS;
      case PASSED, CONTRACTED -> TenantRolloutState.PASSED;
      case FAILED -> TenantRolloutState.FAILED;
      case ISOLATED -> TenantRolloutState.ISOLATED;
      case ROLLED_BACK -> TenantRolloutState.ROLLED_BACK;
    };
  }

  static GateSpec gateSpec(GateSettings gates) {
    return GateSpec.newBuilder()
        .setWindowSeconds(gates.windowSeconds())
        .setBakeSeconds(gates.bakeSeconds())
        .setMinRequests(gates.minRequests())
        .setMax5xxRate(gates.max5xxRate())
        .setMaxTimeoutRate(gates.maxTimeoutRate())
        .setMaxP95Millis(gates.maxP95Millis())
        .setMaxP99Millis(gates.maxP99Millis())
        .setMaxErrorRateFactor(gates.maxErrorRateFactor())
        .setMaxP95Factor(gates.maxP95Factor())
        .setConfidence(gates.confidence())
        .build();
  }
}
