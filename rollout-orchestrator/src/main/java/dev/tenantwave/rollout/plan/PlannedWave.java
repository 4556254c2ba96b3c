package dev.tenantwave.rollout.plan;

import java.util.List;

/** A wave of a region with its steps, every step of the plan listed even when empty. */
public record PlannedWave(int index, String name, List<PlannedStep> steps) {

  public PlannedWave {
    steps = List.copyOf(steps);
  }
}
