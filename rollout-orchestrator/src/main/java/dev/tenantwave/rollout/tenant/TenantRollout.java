package dev.tenantwave.rollout.tenant;

import dev.tenantwave.rollout.plan.Tenancy;
import dev.tenantwave.rollout.plan.Tier;

/**
 * One tenant in one release. {@code awaiting} is the migration step whose answer it waits for (with its
 * {@code attempt}); {@code expandSent}/{@code migrateSent} say what a rollback must undo; {@code gatePassed} keeps a
 * PASS that came while the backfill still ran; {@code failed} counts it against its wave's failure budget.
 */
public record TenantRollout(String tenantId, String region, int stage, int wave, Tier tier, Tenancy tenancy,
                            RolloutStatus status, MigrationStep awaiting, int attempt, boolean switched,
                            boolean expandSent, boolean migrateSent, boolean gatePassed, boolean failed,
                            Failure failure) {

  public static TenantRollout planned(String tenantId, String region, int stage, int wave, Tier tier,
      Tenancy tenancy) {
    return new TenantRollout(tenantId, region, stage, wave, tier, tenancy, RolloutStatus.WAITING, null, 0, false,
        false, false, false, false, null);
  }

  TenantRollout with(RolloutStatus newStatus) {
    return new TenantRollout(tenantId, region, stage, wave, tier, tenancy, newStatus, awaiting, attempt, switched,
        expandSent, migrateSent, gatePassed, failed, failure);
  }

  TenantRollout awaiting(MigrationStep step, int newAttempt) {
    return new TenantRollout(tenantId, region, stage, wave, tier, tenancy, status, step, newAttempt, switched,
        expandSent || step == MigrationStep.EXPAND, migrateSent || step == MigrationStep.MIGRATE, gatePassed, failed,
        failure);
  }

  TenantRollout answered() {
    return new TenantRollout(tenantId, region, stage, wave, tier, tenancy, status, null, 0, switched, expandSent,
        migrateSent, gatePassed, failed, failure);
  }

  TenantRollout switched(boolean onNewVersion) {
    return new TenantRollout(tenantId, region, stage, wave, tier, tenancy, status, awaiting, attempt, onNewVersion,
        expandSent, migrateSent, gatePassed, failed, failure);
  }

  TenantRollout undone(MigrationStep rollbackStep) {
    return new TenantRollout(tenantId, region, stage, wave, tier, tenancy, status, awaiting, attempt, switched,
        expandSent && rollbackStep != MigrationStep.ROLLBACK_EXPAND,
        migrateSent && rollbackStep != MigrationStep.ROLLBACK_MIGRATE && rollbackStep != MigrationStep.ROLLBACK_EXPAND,
        gatePassed, failed, failure);
  }

  TenantRollout withGatePassed() {
    return new TenantRollout(tenantId, region, stage, wave, tier, tenancy, status, awaiting, attempt, switched,
        expandSent, migrateSent, true, failed, failure);
  }

  TenantRollout failedWith(Failure why, boolean countsAgainstWave) {
    return new TenantRollout(tenantId, region, stage, wave, tier, tenancy, status, awaiting, attempt, switched,
        expandSent, migrateSent, gatePassed, failed || countsAgainstWave, why);
  }

  /** The phase its tenant-state events announce while it is where it is. */
  ReleasePhase phase() {
    return switch (status) {
      case WAITING, WINDOW_WAIT -> ReleasePhase.EXPAND;
      case EXPANDING -> ReleasePhase.EXPAND;
      case MIGRATING -> ReleasePhase.MIGRATE;
      case BAKING, HELD -> ReleasePhase.BAKE;
      case PASSED -> ReleasePhase.DONE;
      case CONTRACTING, CONTRACTED -> ReleasePhase.CONTRACT;
      case ROLLING_BACK, ROLLED_BACK -> ReleasePhase.ROLLBACK;
      case FAILED, ISOLATED -> awaiting == null ? (switched ? ReleasePhase.BAKE : ReleasePhase.EXPAND)
          : switch (awaiting) {
            case EXPAND -> ReleasePhase.EXPAND;
            case MIGRATE -> ReleasePhase.MIGRATE;
            case CONTRACT -> ReleasePhase.CONTRACT;
            case ROLLBACK_MIGRATE, ROLLBACK_EXPAND -> ReleasePhase.ROLLBACK;
          };
    };
  }
}
