package dev.tenantwave.rollout.tenant;

/** Where one tenant stands in one release. */
public enum RolloutStatus {
  /** Planned; its step has not started. */
  WAITING,
  /** Its step started, but an enterprise tenant waits for its maintenance window. */
  WINDOW_WAIT,
  /** EXPAND sent; still on the previous version. */
  EXPANDING,
  /** Switched to the new version; MIGRATE (the backfill) sent; the gate judges it. */
  MIGRATING,
  /** Switched and migrated; waiting for the gate's verdict. */
  BAKING,
  /** The gate could not decide (INCONCLUSIVE); held for an operator. */
  HELD,
  PASSED,
  /** A gate FAIL or a failed migration step, not rolled back (policy or operator decides). */
  FAILED,
  /** Switched back to the previous version; rollback commands in flight. */
  ROLLING_BACK,
  ROLLED_BACK,
  /** Frozen by an operator: no further commands, stays on its current version. */
  ISOLATED,
  CONTRACTING,
  CONTRACTED;

  /** Nothing more happens to the tenant in its step unless an operator acts: its step may complete. */
  public boolean isSettled() {
    return switch (this) {
      case PASSED, FAILED, ROLLED_BACK, ISOLATED, CONTRACTING, CONTRACTED -> true;
      default -> false;
    };
  }

  /** Its current step has started (it is past WAITING). */
  public boolean isStarted() {
    return this != WAITING;
  }
}
