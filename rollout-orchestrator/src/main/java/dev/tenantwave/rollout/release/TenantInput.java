package dev.tenantwave.rollout.release;

import dev.tenantwave.rollout.tenant.TenantEvent;

/** An event for one tenant of one release (a verdict, a migration answer, a wake-up). */
public record TenantInput(String releaseId, String tenantId, TenantEvent event) {}
