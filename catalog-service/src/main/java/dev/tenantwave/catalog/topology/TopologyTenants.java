package dev.tenantwave.catalog.topology;

/** What the topology needs to know of the tenants placed on it (a port; the tenant repository answers). */
public interface TopologyTenants {

  long countByRegion(String region);

  long countByCell(String cell);

  /** The cell's tenants outside the given region. */
  long countByCellAndRegionNotEqual(String cell, String region);

  long countByCluster(String cluster);

  long countByClusterAndTenancy(String cluster, String tenancy);
}
