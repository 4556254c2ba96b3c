package dev.tenantwave.gate.judging;

import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.VerdictOutcome;

/**
 * What a gate found about one tenant: the outcome, the gate that decided, and the numbers behind it (observed value,
 * threshold, the tenant's own baseline when relative, requests it rests on, and the time it covers).
 */
public record Finding(
    VerdictOutcome outcome, String gate, String reason, Double observed, Double threshold, Double baseline,
    long samples, long windowStart, long windowEnd) {

  /**
   * Whether publishing this finding changes what was last said about the tenant in this release and version: a
   * FAIL is final, anything else is news only when its outcome or gate differs.
   */
  public boolean changes(GateVerdict last, String releaseId, String appVersion) {
    if (last == null || !last.getReleaseId().equals(releaseId) || !last.getAppVersion().equals(appVersion)) {
      return true;
    }
    if (last.getOutcome() == VerdictOutcome.FAIL) {
      return false;
    }
    return last.getOutcome() != outcome || !last.getGate().equals(gate);
  }
}
