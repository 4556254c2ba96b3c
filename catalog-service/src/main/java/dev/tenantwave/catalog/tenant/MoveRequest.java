package dev.tenantwave.catalog.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Move a tenant to another cell, and optionally another cluster, database or schema, in its jurisdiction. */
@Serdeable
public record MoveRequest(String cell, @Nullable String cluster, @Nullable String database, @Nullable String schema) {}
