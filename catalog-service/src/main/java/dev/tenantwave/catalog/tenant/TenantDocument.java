package dev.tenantwave.catalog.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A tenant as the REST API shows and accepts it. Enumerated fields are strings on the wire so that a wrong value is
 * reported per field (and per row in a bulk import) instead of failing the whole body. {@code jurisdiction} is derived
 * from the region; when a client sends it, it must match.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantDocument(
    @Schema(pattern = TenantValidator.ID_PATTERN) String id,
    String displayName,
    @Schema(allowableValues = {"FREE", "SMB", "ENTERPRISE"}) String tier,
    @Schema(allowableValues = {"INTERNAL", "DESIGN_PARTNER", "GENERAL"}) String track,
    String region,
    @Nullable String jurisdiction,
    String cell,
    @Schema(allowableValues = {"POOLED", "SCHEMA", "DATABASE"}) String tenancy,
    String cluster,
    String database,
    @Nullable String schema,
    @Nullable Map<String, Boolean> flags,
    @Nullable List<Integration> integrations,
    @Nullable List<MaintenanceWindow> maintenanceWindows,
    String owner,
    @Schema(allowableValues = {"ACTIVE", "SUSPENDED", "OFFBOARDING"}, defaultValue = "ACTIVE") @Nullable String status,
    @Nullable Long version) {

  @Serdeable
  public record Integration(String name, String apiVersion) {}

  @Serdeable
  public record MaintenanceWindow(List<String> days, String start, String end, String zone) {}

  public TenantDocument withId(String newId) {
    return new TenantDocument(newId, displayName, tier, track, region, jurisdiction, cell, tenancy, cluster, database,
        schema, flags, integrations, maintenanceWindows, owner, status, version);
  }

  public TenantDocument withPlacement(String newRegion, String newCell, String newCluster, String newDatabase,
                                      String newSchema) {
    return new TenantDocument(id, displayName, tier, track, newRegion, null, newCell, tenancy, newCluster, newDatabase,
        newSchema, flags, integrations, maintenanceWindows, owner, status, version);
  }

  public TenantDocument withVersionAndJurisdiction(long newVersion, String newJurisdiction) {
    return new TenantDocument(id, displayName, tier, track, region, newJurisdiction, cell, tenancy, cluster, database,
        schema, flags == null ? Map.of() : flags, integrations == null ? List.of() : integrations,
        maintenanceWindows == null ? List.of() : maintenanceWindows, owner, status == null ? "ACTIVE" : status,
        newVersion);
  }
}
