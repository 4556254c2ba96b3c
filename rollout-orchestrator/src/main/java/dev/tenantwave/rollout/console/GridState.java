package dev.tenantwave.rollout.console;

import dev.tenantwave.rollout.tenant.RolloutStatus;

/**
 * The colour of a tenant in the console's grid: the contract's {@code TenantRolloutState} plus ROLLING_BACK, so that
 * a tenant being switched back is told apart from one still going forward. The same vocabulary is derived from the
 * orchestrator's own status (snapshots) and from {@code release.tenant-state.v1} (live deltas).
 */
public enum GridState {
  WAITING, IN_PROGRESS, PASSED, FAILED, ISOLATED, ROLLING_BACK, ROLLED_BACK;

  public static GridState of(RolloutStatus status) {
    return switch (status) {
      case WAITING, WINDOW_WAIT -> WAITING;
      case EXPANDING, MIGRATING, BAKING, HELD, CONTRACTING -> IN_PROGRESS;
      case PASSED, CONTRACTED -> PASSED;
      case FAILED -> FAILED;
      case ROLLING_BACK -> ROLLING_BACK;
      case ROLLED_BACK -> ROLLED_BACK;
      case ISOLATED -> ISOLATED;
    };
  }

  /** From an announced state and its phase (names of the contract's enums); null for a symbol this build lacks. */
  public static GridState announced(String phase, String state) {
    return switch (state) {
      case "WAITING" -> WAITING;
      case "IN_PROGRESS" -> "ROLLBACK".equals(phase) ? ROLLING_BACK : IN_PROGRESS;
      case "PASSED" -> PASSED;
      case "FAILED" -> FAILED;
      case "ISOLATED" -> ISOLATED;
      case "ROLLED_BACK" -> ROLLED_BACK;
      default -> null;
    };
  }
}
