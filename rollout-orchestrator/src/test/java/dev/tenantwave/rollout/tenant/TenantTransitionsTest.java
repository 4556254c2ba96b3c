package dev.tenantwave.rollout.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.rollout.plan.FailurePolicy;
import dev.tenantwave.rollout.plan.InconclusivePolicy;
import dev.tenantwave.rollout.plan.Tenancy;
import dev.tenantwave.rollout.plan.Tier;
import dev.tenantwave.rollout.tenant.Effect.AnnounceState;
import dev.tenantwave.rollout.tenant.Effect.SendCommand;
import dev.tenantwave.rollout.tenant.TenantEvent.Verdict.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TenantTransitionsTest {

  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final TenantRules MIGRATING_RELEASE = new TenantRules(true, FailurePolicy.defaults());
  private static final TenantRules NO_MIGRATION = new TenantRules(false, FailurePolicy.defaults());

  private final List<Effect> effects = new ArrayList<>();

  private TenantRollout tenant = TenantRollout.planned("acme", "eu-west", 0, 0, Tier.SMB, Tenancy.SCHEMA);

  private Transition on(TenantEvent event, TenantRules rules) {
    Transition transition = TenantTransitions.apply(tenant, event, rules, NOW);
    if (transition instanceof Transition.Applied applied) {
      tenant = applied.next();
      effects.addAll(applied.effects());
    }
    return transition;
  }

  private Transition on(TenantEvent event) {
    return on(event, MIGRATING_RELEASE);
  }

  private static TenantEvent.Verdict verdict(Outcome outcome) {
    return new TenantEvent.Verdict(outcome, "error-rate", 0.5, 0.05, 0.01, "5xx rate 50 % > 5 %");
  }

  @Test
  void shouldExpandSwitchMigrateBakeAndPass() {
    on(new TenantEvent.StepStarted(null));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.EXPANDING);
    on(new TenantEvent.MigrationFinished(MigrationStep.EXPAND, true, null));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.MIGRATING);
    assertThat(tenant.switched()).isTrue();
    on(new TenantEvent.MigrationFinished(MigrationStep.MIGRATE, true, null));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.BAKING);
    on(verdict(Outcome.PASS));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.PASSED);
    assertThat(effects).containsExactly(
        new SendCommand(MigrationStep.EXPAND, 1),
        new AnnounceState(ReleasePhase.SWITCH, AnnouncedState.IN_PROGRESS, true),
        new SendCommand(MigrationStep.MIGRATE, 1),
        new AnnounceState(ReleasePhase.BAKE, AnnouncedState.IN_PROGRESS, true),
        new AnnounceState(ReleasePhase.DONE, AnnouncedState.PASSED, true));
  }

  @Test
  void shouldSwitchAtOnceWithoutMigrationSet() {
    on(new TenantEvent.StepStarted(null), NO_MIGRATION);
    assertThat(tenant.status()).isEqualTo(RolloutStatus.BAKING);
    assertThat(effects).containsExactly(new AnnounceState(ReleasePhase.SWITCH, AnnouncedState.IN_PROGRESS, true));
  }

  @Test
  void shouldSwitchBackAtOnceOnFailThenUndoMigrationInReverse() {
    on(new TenantEvent.StepStarted(null));
    on(new TenantEvent.MigrationFinished(MigrationStep.EXPAND, true, null));
    on(new TenantEvent.MigrationFinished(MigrationStep.MIGRATE, true, null));
    effects.clear();
    on(verdict(Outcome.FAIL));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.ROLLING_BACK);
    assertThat(tenant.failed()).isTrue();
    assertThat(tenant.failure().observed()).isEqualTo(0.5);
    assertThat(effects).containsExactly(new AnnounceState(ReleasePhase.ROLLBACK, AnnouncedState.IN_PROGRESS, false),
        new SendCommand(MigrationStep.ROLLBACK_MIGRATE, 1));
    on(new TenantEvent.MigrationFinished(MigrationStep.ROLLBACK_MIGRATE, true, null));
    assertThat(effects).last().isEqualTo(new SendCommand(MigrationStep.ROLLBACK_EXPAND, 1));
    on(new TenantEvent.MigrationFinished(MigrationStep.ROLLBACK_EXPAND, true, null));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
    assertThat(effects).last().isEqualTo(new AnnounceState(ReleasePhase.ROLLBACK, AnnouncedState.ROLLED_BACK, false));
  }

  @Test
  void shouldSwitchBackAtOnceOnFailDuringBackfillAndUndoOnceItAnswers() {
    on(new TenantEvent.StepStarted(null));
    on(new TenantEvent.MigrationFinished(MigrationStep.EXPAND, true, null));
    effects.clear();
    on(verdict(Outcome.FAIL));
    assertThat(effects).containsExactly(new AnnounceState(ReleasePhase.ROLLBACK, AnnouncedState.IN_PROGRESS, false));
    on(new TenantEvent.MigrationFinished(MigrationStep.MIGRATE, true, null));
    assertThat(effects).last().isEqualTo(new SendCommand(MigrationStep.ROLLBACK_MIGRATE, 1));
  }

  @Test
  void shouldUndoAFailedBackfillAtOnce() {
    on(new TenantEvent.StepStarted(null));
    on(new TenantEvent.MigrationFinished(MigrationStep.EXPAND, true, null));
    effects.clear();
    on(new TenantEvent.MigrationFinished(MigrationStep.MIGRATE, false, "unknown tenant"));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.ROLLING_BACK);
    assertThat(tenant.failure().reason()).contains("MIGRATE failed: unknown tenant");
    assertThat(effects).containsExactly(new AnnounceState(ReleasePhase.ROLLBACK, AnnouncedState.IN_PROGRESS, false),
        new SendCommand(MigrationStep.ROLLBACK_MIGRATE, 1));
    on(new TenantEvent.MigrationFinished(MigrationStep.ROLLBACK_MIGRATE, true, null));
    on(new TenantEvent.MigrationFinished(MigrationStep.ROLLBACK_EXPAND, true, null));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
  }

  @Test
  void shouldUndoAFailedExpandAtOnce() {
    on(new TenantEvent.StepStarted(null));
    effects.clear();
    on(new TenantEvent.MigrationFinished(MigrationStep.EXPAND, false, "lock timeout"));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.ROLLING_BACK);
    assertThat(effects).containsExactly(new SendCommand(MigrationStep.ROLLBACK_EXPAND, 1));
    on(new TenantEvent.MigrationFinished(MigrationStep.ROLLBACK_EXPAND, true, null));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
  }

  @Test
  void shouldIgnoreLateRepeatedAndOutOfOrderInput() {
    on(new TenantEvent.StepStarted(null));
    assertThat(on(new TenantEvent.MigrationFinished(MigrationStep.MIGRATE, true, null)))
        .isInstanceOf(Transition.Ignored.class);
    assertThat(on(verdict(Outcome.FAIL))).isInstanceOf(Transition.Ignored.class);
    on(new TenantEvent.MigrationFinished(MigrationStep.EXPAND, true, null));
    assertThat(on(new TenantEvent.MigrationFinished(MigrationStep.EXPAND, true, null)))
        .isInstanceOf(Transition.Ignored.class);
    on(new TenantEvent.RollBack("op", "test"));
    on(new TenantEvent.MigrationFinished(MigrationStep.MIGRATE, true, null));
    on(new TenantEvent.MigrationFinished(MigrationStep.ROLLBACK_MIGRATE, true, null));
    on(new TenantEvent.MigrationFinished(MigrationStep.ROLLBACK_EXPAND, true, null));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
    assertThat(on(verdict(Outcome.FAIL))).isInstanceOf(Transition.Ignored.class);
    assertThat(on(verdict(Outcome.PASS))).isInstanceOf(Transition.Ignored.class);
  }

  @Test
  void shouldKeepPassThatComesDuringBackfill() {
    on(new TenantEvent.StepStarted(null));
    on(new TenantEvent.MigrationFinished(MigrationStep.EXPAND, true, null));
    on(verdict(Outcome.PASS));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.MIGRATING);
    on(new TenantEvent.MigrationFinished(MigrationStep.MIGRATE, true, null));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.PASSED);
  }

  @Test
  void shouldHoldInconclusiveForAnOperatorByDefault() {
    on(new TenantEvent.StepStarted(null), NO_MIGRATION);
    on(verdict(Outcome.INCONCLUSIVE), NO_MIGRATION);
    assertThat(tenant.status()).isEqualTo(RolloutStatus.HELD);
    assertThat(tenant.status().isSettled()).isFalse();
    on(new TenantEvent.Promote("op"), NO_MIGRATION);
    assertThat(tenant.status()).isEqualTo(RolloutStatus.PASSED);
  }

  @Test
  void shouldFailInconclusiveWhenThePolicySaysSo() {
    TenantRules strict = new TenantRules(false, new FailurePolicy(0, true, InconclusivePolicy.FAIL));
    on(new TenantEvent.StepStarted(null), strict);
    on(verdict(Outcome.INCONCLUSIVE), strict);
    assertThat(tenant.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
    assertThat(tenant.failed()).isTrue();
  }

  @Test
  void shouldHoldAFailedStepWithoutAutoRollbackAndRetryItWithTheNextAttempt() {
    TenantRules manual = new TenantRules(true, new FailurePolicy(0, false, InconclusivePolicy.HOLD));
    on(new TenantEvent.StepStarted(null), manual);
    on(new TenantEvent.MigrationFinished(MigrationStep.EXPAND, false, "lock timeout"), manual);
    assertThat(tenant.status()).isEqualTo(RolloutStatus.FAILED);
    assertThat(tenant.failure().reason()).contains("EXPAND failed: lock timeout");
    on(new TenantEvent.Retry("op"), manual);
    assertThat(tenant.status()).isEqualTo(RolloutStatus.EXPANDING);
    assertThat(effects).last().isEqualTo(new SendCommand(MigrationStep.EXPAND, 2));
  }

  @Test
  void shouldResendAnUnansweredCommandWithTheNextAttemptOnlyOnce() {
    on(new TenantEvent.StepStarted(null));
    on(new TenantEvent.CommandTimedOut(MigrationStep.EXPAND, 1));
    assertThat(effects).last().isEqualTo(new SendCommand(MigrationStep.EXPAND, 2));
    assertThat(on(new TenantEvent.CommandTimedOut(MigrationStep.EXPAND, 1))).isInstanceOf(Transition.Ignored.class);
  }

  @Test
  void shouldWaitForTheMaintenanceWindow() {
    Instant opens = NOW.plusSeconds(3600);
    on(new TenantEvent.StepStarted(opens));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.WINDOW_WAIT);
    assertThat(effects).containsExactly(new Effect.WakeAt(opens));
    on(new TenantEvent.WindowOpened());
    assertThat(tenant.status()).isEqualTo(RolloutStatus.EXPANDING);
  }

  @Test
  void shouldFreezeAnIsolatedTenant() {
    on(new TenantEvent.StepStarted(null));
    on(new TenantEvent.Isolate("op", "customer escalation"));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.ISOLATED);
    effects.clear();
    on(new TenantEvent.MigrationFinished(MigrationStep.EXPAND, true, null));
    assertThat(tenant.status()).isEqualTo(RolloutStatus.ISOLATED);
    assertThat(effects).isEmpty();
    assertThat(on(new TenantEvent.Isolate("op", "again"))).isInstanceOf(Transition.Rejected.class);
  }

  @Test
  void shouldRefuseRollbackAfterContract() {
    on(new TenantEvent.StepStarted(null), NO_MIGRATION);
    on(verdict(Outcome.PASS), NO_MIGRATION);
    on(new TenantEvent.Contract(), NO_MIGRATION);
    assertThat(tenant.status()).isEqualTo(RolloutStatus.CONTRACTED);
    Transition refused = on(new TenantEvent.RollBack("op", "too late"));
    assertThat(refused).isInstanceOfSatisfying(Transition.Rejected.class,
        r -> assertThat(r.why()).contains("point of no return"));
  }

  /** Every (status, event) pair gives an answer; none throws, and refusals come only from operator commands. */
  @Test
  void shouldAnswerEveryStatusAndEventPair() {
    List<Function<Void, TenantEvent>> events = List.of(
        v -> new TenantEvent.StepStarted(null), v -> new TenantEvent.WindowOpened(),
        v -> new TenantEvent.MigrationFinished(MigrationStep.EXPAND, true, null),
        v -> new TenantEvent.MigrationFinished(MigrationStep.MIGRATE, false, "boom"),
        v -> new TenantEvent.MigrationFinished(MigrationStep.ROLLBACK_EXPAND, true, null),
        v -> verdict(Outcome.PASS), v -> verdict(Outcome.FAIL), v -> verdict(Outcome.INCONCLUSIVE),
        v -> new TenantEvent.CommandTimedOut(MigrationStep.MIGRATE, 1), v -> new TenantEvent.Promote("op"),
        v -> new TenantEvent.Isolate("op", "r"), v -> new TenantEvent.RollBack("op", "r"),
        v -> new TenantEvent.Retry("op"), v -> new TenantEvent.Contract());
    for (RolloutStatus status : RolloutStatus.values()) {
      for (MigrationStep awaiting : new MigrationStep[] {null, MigrationStep.MIGRATE}) {
        TenantRollout start = new TenantRollout("t", "eu-west", 0, 0, Tier.SMB, Tenancy.POOLED, status, awaiting,
            1, true, true, true, false, false, null);
        for (Function<Void, TenantEvent> event : events) {
          TenantEvent e = event.apply(null);
          Transition t = TenantTransitions.apply(start, e, MIGRATING_RELEASE, NOW);
          assertThat(t).as(status + " + " + e).isNotNull();
          if (t instanceof Transition.Rejected) {
            assertThat(e).as(status + " + " + e).isInstanceOfAny(TenantEvent.Isolate.class,
                TenantEvent.RollBack.class, TenantEvent.Retry.class);
          }
        }
      }
    }
  }
}
