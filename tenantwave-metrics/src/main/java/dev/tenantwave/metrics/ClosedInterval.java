package dev.tenantwave.metrics;

import java.util.List;

/** The tenants that had requests in {@code [start, end)} (epoch millis), and how many requests they had in all. */
record ClosedInterval(long start, long end, List<TenantCounts> tenants, long requests) {}
