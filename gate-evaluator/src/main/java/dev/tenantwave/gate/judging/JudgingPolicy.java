package dev.tenantwave.gate.judging;

import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRolloutState;
import java.time.Instant;
import java.util.Set;

/**
 * Which tenants the gate judges and what counts as their baseline: a tenant is judged from its switch, through
 * migrate and bake, unless its rollout failed, was rolled back or isolated; its bake runs from the switch's
 * publication (never before the switch was decided); its baseline is its traffic on the previous version before the
 * switch only.
 */
public final class JudgingPolicy {

  /** The phases in which a tenant runs the new version and is judged. */
  public static final Set<ReleasePhase> JUDGED_PHASES = Set.of(ReleasePhase.SWITCH, ReleasePhase.MIGRATE,
      ReleasePhase.BAKE);
  /** The rollout states that end judging whatever the phase. */
  public static final Set<TenantRolloutState> UNJUDGED_STATES = Set.of(TenantRolloutState.FAILED,
      TenantRolloutState.ROLLED_BACK, TenantRolloutState.ISOLATED);

  private JudgingPolicy() {
  }

  /** Whether the gate judges a tenant in this release state (false for null: no state). */
  public static boolean isJudged(TenantReleaseState state) {
    return state != null && JUDGED_PHASES.contains(state.getPhase()) && !UNJUDGED_STATES.contains(state.getState());
  }

  /** Whether two states belong to one rollout: the same release of the same version. */
  public static boolean sameRollout(TenantReleaseState a, TenantReleaseState b) {
    return a.getReleaseId().equals(b.getReleaseId()) && a.getAppVersion().equals(b.getAppVersion());
  }

  /**
   * Whether a judged {@code state} follows {@code previous} within one judged rollout (its bake keeps running from
   * the switch, whatever phase follows), rather than starting a new one (its totals on the new version start afresh).
   */
  public static boolean continuesRollout(TenantReleaseState previous, TenantReleaseState state) {
    return isJudged(previous) && sameRollout(previous, state);
  }

  /**
   * When the bake of a new judged rollout starts: when the switch was published ({@code publishedAt}, never ahead of
   * {@code wallClock}), if that is later than when it was decided ({@code state.since}). No router can send the
   * tenant's traffic to the new version before the switch is on the wire, so a switch published late (its
   * orchestrator died, or Kafka was away, in between) would otherwise be judged on a bake that never ran,
   * INCONCLUSIVE for want of requests.
   */
  public static Instant bakeStart(TenantReleaseState state, long publishedAt, long wallClock) {
    long switchedAt = Math.min(publishedAt, wallClock);
    return switchedAt > state.getSince().toEpochMilli() ? Instant.ofEpochMilli(switchedAt) : state.getSince();
  }

  /**
   * Whether a closed window on {@code appVersion} ending at {@code windowEnd} counts in its version's totals for a
   * tenant judged in {@code judged} (null: not judged): every window on the judged version does, a window on another
   * version only if it ended by the switch, since the baseline is the tenant's traffic before the switch only.
   */
  public static boolean countsInTotals(TenantReleaseState judged, String appVersion, long windowEnd) {
    return judged == null || appVersion.equals(judged.getAppVersion())
        || windowEnd <= judged.getSince().toEpochMilli();
  }
}
