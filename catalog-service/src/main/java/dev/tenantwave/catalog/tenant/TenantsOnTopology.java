package dev.tenantwave.catalog.tenant;

import dev.tenantwave.catalog.topology.TopologyTenants;
import jakarta.inject.Singleton;

/** Answers the topology's questions about the tenants placed on it from the tenant table. */
@Singleton
class TenantsOnTopology implements TopologyTenants {

  private final TenantRepository tenants;

  TenantsOnTopology(TenantRepository tenants) {
    this.tenants = tenants;
  }

  @Override
  public long countByRegion(String region) {
    return tenants.countByRegion(region);
  }

  @Override
  public long countByCell(String cell) {
    return tenants.countByCell(cell);
  }

  @Override
  public long countByCellAndRegionNotEqual(String cell, String region) {
    return tenants.countByCellAndRegionNotEqual(cell, region);
  }

  @Override
  public long countByCluster(String cluster) {
    return tenants.countByCluster(cluster);
  }

  @Override
  public long countByClusterAndTenancy(String cluster, String tenancy) {
    return tenants.countByClusterAndTenancy(cluster, tenancy);
  }
}
