package dev.tenantwave.rollout.tenant;

/** The state a tenant-state event announces (the contract's TenantRolloutState). */
public enum AnnouncedState { WAITING, IN_PROGRESS, PASSED, FAILED, ISOLATED, ROLLED_BACK }
