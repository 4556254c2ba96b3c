package dev.tenantwave.rollout.tenant;

import static dev.tenantwave.rollout.tenant.RolloutStatus.BAKING;
import static dev.tenantwave.rollout.tenant.RolloutStatus.CONTRACTED;
import static dev.tenantwave.rollout.tenant.RolloutStatus.CONTRACTING;
import static dev.tenantwave.rollout.tenant.RolloutStatus.EXPANDING;
import static dev.tenantwave.rollout.tenant.RolloutStatus.FAILED;
import static dev.tenantwave.rollout.tenant.RolloutStatus.HELD;
import static dev.tenantwave.rollout.tenant.RolloutStatus.ISOLATED;
import static dev.tenantwave.rollout.tenant.RolloutStatus.MIGRATING;
import static dev.tenantwave.rollout.tenant.RolloutStatus.PASSED;
import static dev.tenantwave.rollout.tenant.RolloutStatus.ROLLED_BACK;
import static dev.tenantwave.rollout.tenant.RolloutStatus.ROLLING_BACK;
import static dev.tenantwave.rollout.tenant.RolloutStatus.WAITING;
import static dev.tenantwave.rollout.tenant.RolloutStatus.WINDOW_WAIT;

import dev.tenantwave.rollout.tenant.Effect.AnnounceState;
import dev.tenantwave.rollout.tenant.Effect.SendCommand;
import dev.tenantwave.rollout.tenant.Effect.WakeAt;
import dev.tenantwave.rollout.tenant.TenantEvent.CommandTimedOut;
import dev.tenantwave.rollout.tenant.TenantEvent.Contract;
import dev.tenantwave.rollout.tenant.TenantEvent.Isolate;
import dev.tenantwave.rollout.tenant.TenantEvent.MigrationFinished;
import dev.tenantwave.rollout.tenant.TenantEvent.Promote;
import dev.tenantwave.rollout.tenant.TenantEvent.Retry;
import dev.tenantwave.rollout.tenant.TenantEvent.RollBack;
import dev.tenantwave.rollout.tenant.TenantEvent.StepStarted;
import dev.tenantwave.rollout.tenant.TenantEvent.Verdict;
import dev.tenantwave.rollout.tenant.TenantEvent.WindowOpened;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One tenant's way through a release: EXPAND → switch to the new version → MIGRATE → bake until the gate's PASS.
 * A FAIL switches it back at once and undoes its migration in reverse (ROLLBACK_MIGRATE → ROLLBACK_EXPAND). Pure:
 * every (state, event) pair gives a new state with its effects, nothing, or a refusal.
 */
public final class TenantTransitions {

  private TenantTransitions() {}

  public static Transition apply(TenantRollout tenant, TenantEvent event, TenantRules rules, Instant now) {
    if (event instanceof StepStarted started) {
      return onStepStarted(tenant, started, rules);
    } else if (event instanceof WindowOpened) {
      return tenant.status() == WINDOW_WAIT ? begin(tenant, rules)
          : new Transition.Ignored("not waiting for a window (" + tenant.status() + ")");
    } else if (event instanceof MigrationFinished finished) {
      return onMigrationFinished(tenant, finished, rules, now);
    } else if (event instanceof Verdict verdict) {
      return onVerdict(tenant, verdict, rules, now);
    } else if (event instanceof CommandTimedOut timedOut) {
      return onTimeout(tenant, timedOut);
    } else if (event instanceof Promote) {
      return onPromote(tenant);
    } else if (event instanceof Isolate) {
      return onIsolate(tenant);
    } else if (event instanceof RollBack rollBack) {
      return onRollBack(tenant, rollBack, now);
    } else if (event instanceof Retry) {
      return onRetry(tenant);
    } else if (event instanceof Contract) {
      return onContract(tenant, rules);
    }
    throw new IllegalArgumentException("unknown event " + event);
  }

  private static Transition onStepStarted(TenantRollout tenant, StepStarted started, TenantRules rules) {
    if (tenant.status() != WAITING) {
      return new Transition.Ignored("already started (" + tenant.status() + ")");
    }
    if (started.windowOpensAt() != null) {
      return Transition.to(tenant.with(WINDOW_WAIT), new WakeAt(started.windowOpensAt()));
    }
    return begin(tenant, rules);
  }

  private static Transition begin(TenantRollout tenant, TenantRules rules) {
    if (rules.hasMigrationSet()) {
      return Transition.to(tenant.with(EXPANDING).awaiting(MigrationStep.EXPAND, 1),
          new SendCommand(MigrationStep.EXPAND, 1));
    }
    return Transition.to(tenant.with(BAKING).switched(true),
        new AnnounceState(ReleasePhase.SWITCH, AnnouncedState.IN_PROGRESS, true));
  }

  private static Transition onMigrationFinished(TenantRollout tenant, MigrationFinished finished, TenantRules rules,
      Instant now) {
    if (tenant.awaiting() != finished.step()) {
      return new Transition.Ignored(finished.step() + " answer while awaiting " + tenant.awaiting());
    }
    if (tenant.status() == ISOLATED) {
      return Transition.to(tenant.answered());
    }
    TenantRollout answered = tenant.answered();
    if (tenant.status() == ROLLING_BACK) {
      if (!finished.succeeded() && !finished.step().isForward()) {
        return Transition.to(answered.with(FAILED).awaiting(finished.step(), tenant.attempt())
                .failedWith(Failure.migration(finished.step(), finished.error(), now), false),
            new AnnounceState(ReleasePhase.ROLLBACK, AnnouncedState.FAILED, false));
      }
      return nextRollbackStep(finished.succeeded() && !finished.step().isForward()
          ? answered.undone(finished.step()) : answered);
    }
    if (!finished.succeeded()) {
      TenantRollout failed = answered.failedWith(Failure.migration(finished.step(), finished.error(), now),
          finished.step() != MigrationStep.CONTRACT);
      if (finished.step().isForward() && rules.policy().autoRollback()) {
        return startRollback(failed);
      }
      return Transition.to(failed.with(FAILED).awaiting(finished.step(), tenant.attempt()),
          new AnnounceState(tenant.phase(), AnnouncedState.FAILED, tenant.switched()));
    }
    return switch (finished.step()) {
      case EXPAND -> Transition.to(answered.with(MIGRATING).switched(true).awaiting(MigrationStep.MIGRATE, 1),
          new AnnounceState(ReleasePhase.SWITCH, AnnouncedState.IN_PROGRESS, true),
          new SendCommand(MigrationStep.MIGRATE, 1));
      case MIGRATE -> answered.gatePassed() ? pass(answered)
          : Transition.to(answered.with(BAKING), new AnnounceState(ReleasePhase.BAKE, AnnouncedState.IN_PROGRESS, true));
      case CONTRACT -> Transition.to(answered.with(CONTRACTED),
          new AnnounceState(ReleasePhase.CONTRACT, AnnouncedState.PASSED, true));
      case ROLLBACK_MIGRATE, ROLLBACK_EXPAND -> new Transition.Ignored("rollback answer outside a rollback");
    };
  }

  private static Transition onVerdict(TenantRollout tenant, Verdict verdict, TenantRules rules, Instant now) {
    boolean judged = tenant.status() == MIGRATING || tenant.status() == BAKING || tenant.status() == HELD;
    if (!judged) {
      return new Transition.Ignored(verdict.outcome() + " verdict for a tenant that is " + tenant.status());
    }
    Verdict.Outcome outcome = verdict.outcome();
    if (outcome == Verdict.Outcome.INCONCLUSIVE) {
      if (tenant.status() == HELD) {
        return new Transition.Ignored("already held");
      }
      outcome = switch (rules.policy().onInconclusive()) {
        case PASS -> Verdict.Outcome.PASS;
        case FAIL -> Verdict.Outcome.FAIL;
        case HOLD -> null;
      };
      if (outcome == null) {
        Failure why = new Failure(Failure.Kind.INCONCLUSIVE, verdict.gate(), verdict.observed(), verdict.threshold(),
            verdict.baseline(), verdict.reason(), now);
        return tenant.status() == MIGRATING ? new Transition.Ignored("inconclusive while the backfill runs")
            : Transition.to(tenant.with(HELD).failedWith(why, false));
      }
    }
    if (outcome == Verdict.Outcome.PASS) {
      if (tenant.status() == MIGRATING) {
        return Transition.to(tenant.withGatePassed());
      }
      return tenant.status() == BAKING ? pass(tenant) : new Transition.Ignored("held for an operator");
    }
    Failure why = new Failure(Failure.Kind.GATE, verdict.gate(), verdict.observed(), verdict.threshold(),
        verdict.baseline(), verdict.reason(), now);
    TenantRollout failed = tenant.failedWith(why, true);
    if (rules.policy().autoRollback()) {
      return startRollback(failed);
    }
    return Transition.to(failed.with(FAILED), new AnnounceState(tenant.phase(), AnnouncedState.FAILED, true));
  }

  private static Transition pass(TenantRollout tenant) {
    return Transition.to(tenant.with(PASSED), new AnnounceState(ReleasePhase.DONE, AnnouncedState.PASSED, true));
  }

  /** Switches the tenant back at once; its migration is undone once any step still in flight has answered. */
  private static Transition startRollback(TenantRollout tenant) {
    List<Effect> effects = new ArrayList<>();
    // A forward step whose failure is being handled has answered: its status is still EXPANDING or MIGRATING, but
    // nothing is awaited, and waiting for an answer would hold the tenant in ROLLING_BACK for ever.
    boolean stepInFlight = (tenant.status() == EXPANDING || tenant.status() == MIGRATING) && tenant.awaiting() != null;
    TenantRollout next = tenant.with(ROLLING_BACK);
    if (tenant.switched()) {
      effects.add(new AnnounceState(ReleasePhase.ROLLBACK, AnnouncedState.IN_PROGRESS, false));
      next = next.switched(false);
    }
    if (stepInFlight) {
      return new Transition.Applied(next, effects);
    }
    Transition.Applied rest = (Transition.Applied) nextRollbackStep(next.answered());
    effects.addAll(rest.effects());
    return new Transition.Applied(rest.next(), effects);
  }

  private static Transition nextRollbackStep(TenantRollout tenant) {
    if (tenant.migrateSent()) {
      return Transition.to(tenant.with(ROLLING_BACK).awaiting(MigrationStep.ROLLBACK_MIGRATE, 1),
          new SendCommand(MigrationStep.ROLLBACK_MIGRATE, 1));
    }
    if (tenant.expandSent()) {
      return Transition.to(tenant.with(ROLLING_BACK).awaiting(MigrationStep.ROLLBACK_EXPAND, 1),
          new SendCommand(MigrationStep.ROLLBACK_EXPAND, 1));
    }
    return Transition.to(tenant.with(ROLLED_BACK).switched(false),
        new AnnounceState(ReleasePhase.ROLLBACK, AnnouncedState.ROLLED_BACK, false));
  }

  private static Transition onTimeout(TenantRollout tenant, CommandTimedOut timedOut) {
    boolean waiting = tenant.status() == EXPANDING || tenant.status() == MIGRATING
        || tenant.status() == ROLLING_BACK || tenant.status() == CONTRACTING;
    if (!waiting || tenant.awaiting() != timedOut.step() || tenant.attempt() != timedOut.attempt()) {
      return new Transition.Ignored("answered meanwhile");
    }
    int attempt = tenant.attempt() + 1;
    return Transition.to(tenant.awaiting(timedOut.step(), attempt), new SendCommand(timedOut.step(), attempt));
  }

  private static Transition onPromote(TenantRollout tenant) {
    return switch (tenant.status()) {
      case BAKING, HELD -> pass(tenant);
      case MIGRATING -> Transition.to(tenant.withGatePassed());
      default -> new Transition.Ignored("nothing to promote (" + tenant.status() + ")");
    };
  }

  private static Transition onIsolate(TenantRollout tenant) {
    return switch (tenant.status()) {
      case ISOLATED -> new Transition.Rejected("tenant " + tenant.tenantId() + " is already isolated");
      case ROLLED_BACK, CONTRACTING, CONTRACTED -> new Transition.Rejected(
          "tenant " + tenant.tenantId() + " is " + tenant.status() + ": there is nothing left to freeze");
      default -> Transition.to(tenant.with(ISOLATED),
          new AnnounceState(tenant.phase(), AnnouncedState.ISOLATED, tenant.switched()));
    };
  }

  private static Transition onRollBack(TenantRollout tenant, RollBack rollBack, Instant now) {
    return switch (tenant.status()) {
      case CONTRACTING, CONTRACTED -> new Transition.Rejected(
          "contract is the point of no return: tenant " + tenant.tenantId() + " is " + tenant.status());
      case ROLLING_BACK, ROLLED_BACK -> new Transition.Rejected(
          "tenant " + tenant.tenantId() + " is already " + tenant.status());
      case WAITING, WINDOW_WAIT -> Transition.to(tenant.with(ROLLED_BACK)
          .failedWith(Failure.operator(rollBack.actor(), rollBack.reason(), now), false));
      default -> startRollback(tenant.failedWith(Failure.operator(rollBack.actor(), rollBack.reason(), now), false));
    };
  }

  private static Transition onRetry(TenantRollout tenant) {
    if (tenant.status() != FAILED || tenant.awaiting() == null) {
      return new Transition.Rejected("retry repeats a failed migration step; tenant " + tenant.tenantId() + " is "
          + tenant.status() + (tenant.status() == FAILED ? " by its gate (roll it back or isolate it)" : ""));
    }
    MigrationStep step = tenant.awaiting();
    RolloutStatus status = switch (step) {
      case EXPAND -> EXPANDING;
      case MIGRATE -> MIGRATING;
      case CONTRACT -> CONTRACTING;
      case ROLLBACK_MIGRATE, ROLLBACK_EXPAND -> ROLLING_BACK;
    };
    int attempt = tenant.attempt() + 1;
    return Transition.to(tenant.with(status).awaiting(step, attempt), new SendCommand(step, attempt));
  }

  private static Transition onContract(TenantRollout tenant, TenantRules rules) {
    if (tenant.status() != PASSED) {
      return new Transition.Ignored("only PASSED tenants are contracted (" + tenant.status() + ")");
    }
    if (!rules.hasMigrationSet()) {
      return Transition.to(tenant.with(CONTRACTED));
    }
    return Transition.to(tenant.with(CONTRACTING).awaiting(MigrationStep.CONTRACT, 1),
        new SendCommand(MigrationStep.CONTRACT, 1));
  }
}
