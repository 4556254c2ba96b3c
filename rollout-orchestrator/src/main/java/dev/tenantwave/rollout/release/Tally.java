package dev.tenantwave.rollout.release;

import dev.tenantwave.rollout.tenant.RolloutStatus;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** Counts of a release's tenants: by status, per stage (all and settled) and failures per wave. */
public final class Tally {

  private final Map<RolloutStatus, Long> byStatus = new EnumMap<>(RolloutStatus.class);
  private final Map<String, long[]> byStage = new HashMap<>();
  private final Map<String, Long> failedByWave = new HashMap<>();

  /** Adds {@code count} tenants of a region's stage and wave in a status, {@code failed} of them failed. */
  public void add(String region, int stage, int wave, RolloutStatus status, long count, long failed) {
    byStatus.merge(status, count, Long::sum);
    long[] stageCounts = byStage.computeIfAbsent(region + "#" + stage, k -> new long[2]);
    stageCounts[0] += count;
    if (status.isSettled()) {
      stageCounts[1] += count;
    }
    failedByWave.merge(region + "#" + wave, failed, Long::sum);
  }

  public long count(RolloutStatus status) {
    return byStatus.getOrDefault(status, 0L);
  }

  public Map<RolloutStatus, Long> byStatus() {
    return Map.copyOf(byStatus);
  }

  public long total() {
    return byStatus.values().stream().mapToLong(Long::longValue).sum();
  }

  public boolean stageSettled(String region, int stage) {
    long[] counts = byStage.get(region + "#" + stage);
    return counts == null || counts[0] == counts[1];
  }

  public long stageSize(String region, int stage) {
    long[] counts = byStage.get(region + "#" + stage);
    return counts == null ? 0 : counts[0];
  }

  public long failedInWave(String region, int wave) {
    return failedByWave.getOrDefault(region + "#" + wave, 0L);
  }
}
