package dev.tenantwave.rollout.plan;

import java.util.List;

/** The waves of one region, in the order they run. */
public record RegionPlan(String region, List<WaveSpec> waves) {

  public RegionPlan {
    waves = List.copyOf(waves);
  }
}
