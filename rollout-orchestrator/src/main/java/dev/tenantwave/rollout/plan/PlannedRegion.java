package dev.tenantwave.rollout.plan;

import java.util.List;

/** A region of the plan; {@code position} is its place in the plan, which is its turn when regions run in sequence. */
public record PlannedRegion(String region, int position, List<PlannedWave> waves) {

  public PlannedRegion {
    waves = List.copyOf(waves);
  }
}
