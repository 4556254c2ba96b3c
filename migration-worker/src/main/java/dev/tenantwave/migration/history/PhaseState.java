package dev.tenantwave.migration.history;

/** Where one phase of one tenant stands, as its history table records it. */
public enum PhaseState {
  RUNNING,
  SUCCEEDED,
  FAILED,
  ROLLED_BACK
}
