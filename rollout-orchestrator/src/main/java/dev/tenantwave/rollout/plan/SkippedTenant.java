package dev.tenantwave.rollout.plan;

/** A tenant a region's waves asked for but that is not released there, and why. */
public record SkippedTenant(String tenantId, String region, String reason) {}
