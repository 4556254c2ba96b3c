package dev.tenantwave.rollout.release;

/** Where a release stands. CONTRACTING and COMPLETED are past the point of no return. */
public enum ReleaseState {
  DRAFT, RUNNING, PAUSED, AWAITING_CONTRACT_APPROVAL, CONTRACTING, COMPLETED, ABORTING, ABORTED;

  public boolean isPastPointOfNoReturn() {
    return this == CONTRACTING || this == COMPLETED;
  }

  public boolean isFinished() {
    return this == COMPLETED || this == ABORTED;
  }
}
