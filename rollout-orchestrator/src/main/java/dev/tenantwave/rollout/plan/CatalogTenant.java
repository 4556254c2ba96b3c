package dev.tenantwave.rollout.plan;

import java.util.List;
import java.util.Map;

/** What the planner needs of a catalog tenant. A flag the tenant does not have counts as false. */
public record CatalogTenant(String id, String region, Tier tier, Track track, TenantStatus status, Tenancy tenancy,
    Map<String, Boolean> flags, List<MaintenanceWindow> maintenanceWindows) {

  public CatalogTenant {
    flags = flags == null ? Map.of() : Map.copyOf(flags);
    maintenanceWindows = maintenanceWindows == null ? List.of() : List.copyOf(maintenanceWindows);
  }

  public boolean flag(String name) {
    return flags.getOrDefault(name, false);
  }
}
