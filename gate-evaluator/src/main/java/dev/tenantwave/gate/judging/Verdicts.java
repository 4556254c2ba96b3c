package dev.tenantwave.gate.judging;

import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.TenantReleaseState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds the verdict a finding makes. Its sequence counts the tenant's verdicts on one rollout (1 after a verdict on
 * another release or version); its event id is a name-based UUID of tenant, release and sequence, so a verdict
 * emitted again after a crash carries the same id.
 */
public final class Verdicts {

  private Verdicts() {
  }

  public static GateVerdict of(TenantReleaseState state, GateVerdict last, Finding finding, Instant decidedAt) {
    String tenantId = state.getTenantId();
    long sequence = last != null && sameRollout(last, state) ? last.getSequence() + 1 : 1;
    return GateVerdict.newBuilder()
        .setEventId(UUID.nameUUIDFromBytes((tenantId + "|" + state.getReleaseId() + "|" + sequence)
            .getBytes(StandardCharsets.UTF_8)))
        .setSequence(sequence)
        .setTenantId(tenantId)
        .setReleaseId(state.getReleaseId())
        .setAppVersion(state.getAppVersion())
        .setWave(state.getWave())
        .setGate(finding.gate())
        .setOutcome(finding.outcome())
        .setReason(finding.reason())
        .setObserved(finding.observed())
        .setThreshold(finding.threshold())
        .setBaseline(finding.baseline())
        .setSamples(finding.samples())
        .setWindowStart(Instant.ofEpochMilli(finding.windowStart()))
        .setWindowEnd(Instant.ofEpochMilli(finding.windowEnd()))
        .setDecidedAt(decidedAt)
        .build();
  }

  private static boolean sameRollout(GateVerdict last, TenantReleaseState state) {
    return last.getReleaseId().equals(state.getReleaseId()) && last.getAppVersion().equals(state.getAppVersion());
  }
}
