package dev.tenantwave.catalog.tenant;

import io.micronaut.core.annotation.Nullable;

/** Filters and the page position of a tenant listing; {@code after} is the last id of the previous page. */
public record TenantQuery(@Nullable String region, @Nullable String tier, @Nullable String track,
                          @Nullable String cell, @Nullable String status, @Nullable String flag,
                          @Nullable String flagValue, String after, int limit) {}
