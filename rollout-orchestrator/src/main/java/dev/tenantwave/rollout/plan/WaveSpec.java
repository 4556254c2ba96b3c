package dev.tenantwave.rollout.plan;

import java.util.List;

/**
 * A named cohort of a region, released in percentage steps: strictly increasing, the last 100. A tenant's step
 * comes from a hash of release and tenant, so a step holds about, not exactly, its share of the cohort.
 */
public record WaveSpec(String name, CohortSelector cohort, List<Integer> steps) {

  public static final List<Integer> ALL_AT_ONCE = List.of(100);

  public WaveSpec {
    steps = steps == null || steps.isEmpty() ? ALL_AT_ONCE : List.copyOf(steps);
  }
}
