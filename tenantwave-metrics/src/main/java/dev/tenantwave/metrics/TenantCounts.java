package dev.tenantwave.metrics;

/**
 * One tenant's closed interval: its counts and its non-empty latency bins ({@code indexes} ascending, {@code counts}
 * parallel), the bins plus {@code zeroCount} adding up to {@code requests}.
 */
record TenantCounts(String tenantId, long requests, long status4xx, long status5xx, long timeouts, long zeroCount,
    int[] indexes, int[] counts) {}
