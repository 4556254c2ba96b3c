package dev.tenantwave.catalog.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The admin operation that may move a tenant to another jurisdiction; the reason goes to the audit log. */
@Serdeable
public record ResidencyChange(String region, String cell, String cluster, @Nullable String database,
                              @Nullable String schema, String reason) {}
