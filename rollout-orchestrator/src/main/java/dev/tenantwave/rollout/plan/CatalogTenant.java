package dev.tenantwave.rollout.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the planner needs of a catalog tenant; everything but flags and windows is required. A flag the tenant
 * does not have counts as false.
 */
public record CatalogTenant(String id, String region, Tier tier, Track track, TenantStatus status, Tenancy tenancy,
    Map<String, Boolean> flags, List<MaintenanceWindow> maintenanceWindows) {

  public CatalogTenant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(track, "track");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(tenancy, "tenancy");
    flags = flags == null ? Map.of() : Map.copyOf(flags);
    maintenanceWindows = maintenanceWindows == null ? List.of() : List.copyOf(maintenanceWindows);
  }

  public boolean flag(String name) {
    return flags.getOrDefault(name, false);
  }
}
