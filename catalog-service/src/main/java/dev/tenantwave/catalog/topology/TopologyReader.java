package dev.tenantwave.catalog.topology;

import dev.tenantwave.catalog.topology.TopologyRepositories.CellRepository;
import dev.tenantwave.catalog.topology.TopologyRepositories.ClusterRepository;
import dev.tenantwave.catalog.topology.TopologyRepositories.RegionRepository;
import jakarta.inject.Singleton;

/** Reads the whole topology (a few hundred rows at most) for residency checks. */
@Singleton
public class TopologyReader {

  private final RegionRepository regions;
  private final CellRepository cells;
  private final ClusterRepository clusters;

  public TopologyReader(RegionRepository regions, CellRepository cells, ClusterRepository clusters) {
    this.regions = regions;
    this.cells = cells;
    this.clusters = clusters;
  }

  public Topology current() {
    return Topology.of(regions.findAll(), cells.findAll(), clusters.findAll());
  }
}
