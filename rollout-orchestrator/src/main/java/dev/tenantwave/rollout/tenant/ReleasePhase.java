package dev.tenantwave.rollout.tenant;

/** The phase a tenant-state event announces (the contract's ReleasePhase). */
public enum ReleasePhase { EXPAND, SWITCH, MIGRATE, BAKE, CONTRACT, ROLLBACK, DONE }
