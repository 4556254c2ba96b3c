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
 * from the region; when a client sends it, it must match. The controller maps it to and from {@link Tenant}.
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

  public static TenantDocument of(Tenant t) {
    return new TenantDocument(t.id(), t.displayName(), t.tier(), t.track(), t.region(), t.jurisdiction(), t.cell(),
        t.tenancy(), t.cluster(), t.database(), t.schema(), t.flags(),
        t.integrations().stream().map(i -> i == null ? null : new Integration(i.name(), i.apiVersion())).toList(),
        t.maintenanceWindows().stream().map(w -> w == null ? null
            : new MaintenanceWindow(w.days(), w.start(), w.end(), w.zone())).toList(),
        t.owner(), t.status(), t.version());
  }

  /** The tenant this document asks for, unchecked: the service checks it, so a wrong value is kept as it came. */
  public Tenant toTenant() {
    return new Tenant(id, displayName, tier, track, region, jurisdiction, cell, tenancy, cluster, database, schema,
        flags,
        integrations == null ? null : integrations.stream()
            .map(i -> i == null ? null : new Tenant.Integration(i.name(), i.apiVersion())).toList(),
        maintenanceWindows == null ? null : maintenanceWindows.stream()
            .map(w -> w == null ? null : new Tenant.MaintenanceWindow(w.days(), w.start(), w.end(), w.zone())).toList(),
        owner, status, version);
  }
}
