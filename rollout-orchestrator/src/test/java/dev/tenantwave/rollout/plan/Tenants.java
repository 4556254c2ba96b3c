package dev.tenantwave.rollout.plan;

import java.util.List;
import java.util.Map;

/** Catalog tenants for tests: active, pooled, no flags and no windows unless said otherwise. */
final class Tenants {

  private Tenants() {}

  static CatalogTenant tenant(String id, String region, Tier tier, Track track) {
    return new CatalogTenant(id, region, tier, track, TenantStatus.ACTIVE, Tenancy.POOLED, Map.of(), List.of());
  }

  static CatalogTenant withStatus(CatalogTenant t, TenantStatus status) {
    return new CatalogTenant(t.id(), t.region(), t.tier(), t.track(), status, t.tenancy(), t.flags(),
        t.maintenanceWindows());
  }

  static CatalogTenant withFlags(CatalogTenant t, Map<String, Boolean> flags) {
    return new CatalogTenant(t.id(), t.region(), t.tier(), t.track(), t.status(), t.tenancy(), flags,
        t.maintenanceWindows());
  }

  static CatalogTenant withWindows(CatalogTenant t, MaintenanceWindow... windows) {
    return new CatalogTenant(t.id(), t.region(), t.tier(), t.track(), t.status(), t.tenancy(), t.flags(),
        List.of(windows));
  }
}
