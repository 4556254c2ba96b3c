package dev.tenantwave.catalog.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** A row of {@code tenants}; flags, integrations and windows are JSON text. */
@MappedEntity("tenants")
public record TenantRow(
    @Id String id,
    @MappedProperty("display_name") String displayName,
    String tier,
    String track,
    String region,
    String cell,
    String tenancy,
    String cluster,
    @MappedProperty("database_name") String databaseName,
    @Nullable @MappedProperty("schema_name") String schemaName,
    String flags,
    String integrations,
    @MappedProperty("maintenance_windows") String maintenanceWindows,
    String owner,
    String status,
    long version,
    @MappedProperty("updated_at") Instant updatedAt) {}
