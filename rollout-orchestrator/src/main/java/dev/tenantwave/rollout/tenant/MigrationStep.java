package dev.tenantwave.rollout.tenant;

/** A migration command the orchestrator sends to the worker for one tenant. */
public enum MigrationStep {
  EXPAND, MIGRATE, CONTRACT, ROLLBACK_MIGRATE, ROLLBACK_EXPAND;

  public boolean isForward() {
    return this == EXPAND || this == MIGRATE;
  }
}
