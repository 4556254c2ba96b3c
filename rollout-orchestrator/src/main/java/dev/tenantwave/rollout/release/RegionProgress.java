package dev.tenantwave.rollout.release;

/**
 * One region's pipeline: the stage it runs ({@code -1} before its first), and failures an operator accepted by
 * resuming it ({@code acceptedFailures} in wave {@code acceptedWave}), which the failure budget no longer counts.
 */
public record RegionProgress(String region, int position, RegionState state, int currentStage, String pausedReason,
                             int acceptedWave, int acceptedFailures) {

  public static RegionProgress waiting(String region, int position) {
    return new RegionProgress(region, position, RegionState.WAITING, -1, null, -1, 0);
  }

  public RegionProgress with(RegionState newState, String reason) {
    return new RegionProgress(region, position, newState, currentStage, reason, acceptedWave, acceptedFailures);
  }

  public RegionProgress at(int stage) {
    return new RegionProgress(region, position, state, stage, pausedReason, acceptedWave, acceptedFailures);
  }

  public RegionProgress accepting(int wave, int failures) {
    return new RegionProgress(region, position, state, currentStage, pausedReason, wave, failures);
  }

  public int accepted(int wave) {
    return wave == acceptedWave ? acceptedFailures : 0;
  }
}
