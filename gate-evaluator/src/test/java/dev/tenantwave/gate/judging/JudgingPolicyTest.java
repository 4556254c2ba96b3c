package dev.tenantwave.gate.judging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantwave.events.GateSpec;
import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRolloutState;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JudgingPolicyTest {

  private static final Instant DECIDED = Instant.parse("2026-12-07T12:00:00Z");

  @ParameterizedTest
  @EnumSource(ReleasePhase.class)
  void shouldJudgeOnlySwitchMigrateAndBake(ReleasePhase phase) {
    boolean judged = phase == ReleasePhase.SWITCH || phase == ReleasePhase.MIGRATE || phase == ReleasePhase.BAKE;
    assertEquals(judged, JudgingPolicy.isJudged(state("r1", "2.0", phase, TenantRolloutState.IN_PROGRESS)));
  }

  @ParameterizedTest
  @EnumSource(value = TenantRolloutState.class, names = {"FAILED", "ROLLED_BACK", "ISOLATED"})
  void shouldStopJudgingARolloutThatFailedWasRolledBackOrIsolated(TenantRolloutState ended) {
    assertFalse(JudgingPolicy.isJudged(state("r1", "2.0", ReleasePhase.BAKE, ended)));
  }

  @Test
  void shouldNotJudgeATenantWithoutState() {
    assertFalse(JudgingPolicy.isJudged(null));
  }

  @Test
  void shouldContinueTheRolloutOfTheSameReleaseAndVersion() {
    TenantReleaseState switched = state("r1", "2.0", ReleasePhase.SWITCH, TenantRolloutState.IN_PROGRESS);
    assertTrue(JudgingPolicy.continuesRollout(switched,
        state("r1", "2.0", ReleasePhase.BAKE, TenantRolloutState.IN_PROGRESS)));
    assertFalse(JudgingPolicy.continuesRollout(switched,
        state("r2", "2.0", ReleasePhase.SWITCH, TenantRolloutState.IN_PROGRESS)));
    assertFalse(JudgingPolicy.continuesRollout(switched,
        state("r1", "2.1", ReleasePhase.SWITCH, TenantRolloutState.IN_PROGRESS)));
    assertFalse(JudgingPolicy.continuesRollout(null, switched));
    assertFalse(JudgingPolicy.continuesRollout(
        state("r1", "2.0", ReleasePhase.EXPAND, TenantRolloutState.PASSED), switched));
  }

  @Test
  void shouldBakeALatePublishedSwitchFromItsPublication() {
    TenantReleaseState switched = state("r1", "2.0", ReleasePhase.SWITCH, TenantRolloutState.IN_PROGRESS);
    long published = DECIDED.toEpochMilli() + 30_000;
    assertEquals(Instant.ofEpochMilli(published),
        JudgingPolicy.bakeStart(switched, published, published + 5_000));
  }

  @Test
  void shouldBakeFromTheDecisionWhenPublishedAtOnce() {
    TenantReleaseState switched = state("r1", "2.0", ReleasePhase.SWITCH, TenantRolloutState.IN_PROGRESS);
    assertEquals(DECIDED, JudgingPolicy.bakeStart(switched, DECIDED.toEpochMilli(), DECIDED.toEpochMilli()));
    assertEquals(DECIDED, JudgingPolicy.bakeStart(switched, DECIDED.toEpochMilli() - 1, DECIDED.toEpochMilli()));
  }

  @Test
  void shouldNeverStartABakeAheadOfTheWallClock() {
    TenantReleaseState switched = state("r1", "2.0", ReleasePhase.SWITCH, TenantRolloutState.IN_PROGRESS);
    long wallClock = DECIDED.toEpochMilli() + 1_000;
    assertEquals(Instant.ofEpochMilli(wallClock),
        JudgingPolicy.bakeStart(switched, DECIDED.toEpochMilli() + 60_000, wallClock));
  }

  @Test
  void shouldCountOnlyTrafficBeforeTheSwitchAsBaseline() {
    TenantReleaseState switched = state("r1", "2.0", ReleasePhase.SWITCH, TenantRolloutState.IN_PROGRESS);
    long since = DECIDED.toEpochMilli();
    assertTrue(JudgingPolicy.countsInTotals(switched, "1.0", since), "a window ending at the switch");
    assertFalse(JudgingPolicy.countsInTotals(switched, "1.0", since + 1), "a window ending after the switch");
    assertTrue(JudgingPolicy.countsInTotals(switched, "2.0", since + 60_000), "the judged version, any time");
    assertTrue(JudgingPolicy.countsInTotals(null, "1.0", since + 60_000), "a tenant not judged");
  }

  static TenantReleaseState state(String release, String version, ReleasePhase phase, TenantRolloutState state) {
    return TenantReleaseState.newBuilder()
        .setEventId(UUID.randomUUID())
        .setVersion(1)
        .setTenantId("t-1")
        .setReleaseId(release)
        .setRegion("eu-west")
        .setWave(1)
        .setAppVersion(version)
        .setPreviousAppVersion("1.0")
        .setPhase(phase)
        .setState(state)
        .setSince(DECIDED)
        .setGates(GateSpec.newBuilder().build())
        .build();
  }
}
