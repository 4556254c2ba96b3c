package dev.tenantwave.rollout.plan;

import java.time.Instant;
import java.util.Optional;

/**
 * A tenant in a step of the plan. {@code nextWindow} is set only for an ENTERPRISE tenant held to maintenance
 * windows whose windows are all closed at planning time; {@code noWindow} marks such a tenant that has no window
 * at all, and so would wait forever.
 */
public record PlannedTenant(String tenantId, Tier tier, Tenancy tenancy, Optional<Instant> nextWindow,
    boolean noWindow) {}
