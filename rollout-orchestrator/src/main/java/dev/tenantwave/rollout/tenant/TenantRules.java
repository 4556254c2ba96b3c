package dev.tenantwave.rollout.tenant;

import dev.tenantwave.rollout.plan.FailurePolicy;

/** What a release decides for all its tenants: whether it migrates data, and its failure policy. */
public record TenantRules(boolean hasMigrationSet, FailurePolicy policy) {}
