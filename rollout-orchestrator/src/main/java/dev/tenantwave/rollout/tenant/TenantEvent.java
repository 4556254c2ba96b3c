package dev.tenantwave.rollout.tenant;

import java.time.Instant;

/** Everything that can happen to a tenant in a release. */
public sealed interface TenantEvent {

  /** Its step started; {@code windowOpensAt} is set when it must wait for its maintenance window. */
  record StepStarted(Instant windowOpensAt) implements TenantEvent {}

  record WindowOpened() implements TenantEvent {}

  record MigrationFinished(MigrationStep step, boolean succeeded, String error) implements TenantEvent {}

  record Verdict(Outcome outcome, String gate, Double observed, Double threshold, Double baseline, String reason)
      implements TenantEvent {
    public enum Outcome { PASS, FAIL, INCONCLUSIVE }
  }

  /** A command's answer did not come in time. */
  record CommandTimedOut(MigrationStep step, int attempt) implements TenantEvent {}

  record Promote(String actor) implements TenantEvent {}

  record Isolate(String actor, String reason) implements TenantEvent {}

  record RollBack(String actor, String reason) implements TenantEvent {}

  record Retry(String actor) implements TenantEvent {}

  /** Contract approved: the tenant's expand/migrate become permanent. */
  record Contract() implements TenantEvent {}
}
