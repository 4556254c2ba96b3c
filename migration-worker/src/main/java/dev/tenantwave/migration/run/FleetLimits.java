package dev.tenantwave.migration.run;

import java.util.Map;

/** How many tenants run at once, in all and per database cluster. */
public record FleetLimits(int global, int perCluster, Map<String, Integer> clusterOverrides) {

  public static final int DEFAULT_GLOBAL = 16;
  public static final int DEFAULT_PER_CLUSTER = 8;

  public FleetLimits {
    if (global < 1 || perCluster < 1) {
      throw new IllegalArgumentException("concurrency limits must be at least 1");
    }
    clusterOverrides = Map.copyOf(clusterOverrides);
  }

  public static FleetLimits of(int global, int perCluster) {
    return new FleetLimits(global, perCluster, Map.of());
  }

  public int forCluster(String cluster) {
    return clusterOverrides.getOrDefault(cluster, perCluster);
  }
}
