package dev.tenantwave.gate.judging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRolloutState;
import dev.tenantwave.events.VerdictOutcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerdictsTest {

  private static final Finding FAIL = new Finding(VerdictOutcome.FAIL, "max5xxRate", "too many 5xx", 0.5, 0.05, null,
      100, 0, 10_000);
  private static final Instant NOW = Instant.parse("2026-12-07T12:01:00Z");

  @Test
  void shouldNumberAFirstVerdictOneWithANameBasedId() {
    TenantReleaseState state = JudgingPolicyTest.state("r1", "2.0", ReleasePhase.BAKE, TenantRolloutState.IN_PROGRESS);
    GateVerdict first = Verdicts.of(state, null, FAIL, NOW);
    assertEquals(1, first.getSequence());
    assertEquals(first.getEventId(), Verdicts.of(state, null, FAIL, NOW.plusSeconds(5)).getEventId(),
        "emitted again after a crash, the verdict keeps its id");
  }

  @Test
  void shouldCountOnFromTheLastVerdictOfTheSameRollout() {
    TenantReleaseState state = JudgingPolicyTest.state("r1", "2.0", ReleasePhase.BAKE, TenantRolloutState.IN_PROGRESS);
    GateVerdict first = Verdicts.of(state, null, FAIL, NOW);
    GateVerdict second = Verdicts.of(state, first, FAIL, NOW);
    assertEquals(2, second.getSequence());
    assertNotEquals(first.getEventId(), second.getEventId());
  }

  @Test
  void shouldStartAgainAtOneInAnotherRelease() {
    GateVerdict earlier = Verdicts.of(
        JudgingPolicyTest.state("r1", "2.0", ReleasePhase.BAKE, TenantRolloutState.IN_PROGRESS), null, FAIL, NOW);
    GateVerdict next = Verdicts.of(
        JudgingPolicyTest.state("r2", "2.0", ReleasePhase.BAKE, TenantRolloutState.IN_PROGRESS), earlier, FAIL, NOW);
    assertEquals(1, next.getSequence());
  }
}
