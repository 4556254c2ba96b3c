package dev.tenantwave.migration.history;

import dev.tenantwave.migration.set.MigrationSet;
import dev.tenantwave.migration.set.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state machine of one tenant's migration: expand → migrate → contract forward, rollbacks in reverse and
 * only before contract. Steps are idempotent by checksum; a changed script is drift.
 */
public final class PhasePolicy {

  public static final String POINT_OF_NO_RETURN =
      "contract is the point of no return: the tenant's CONTRACT succeeded, so it can no longer be rolled back";

  private PhasePolicy() {}

  public static Decision decide(TenantHistory history, MigrationSet set, Phase requested) {
    Optional<Decision> drift = driftOfEarlierPhases(history, set, requested);
    if (drift.isPresent()) {
      return drift.get();
    }
    return switch (requested) {
      case EXPAND -> forward(history, set, Phase.EXPAND, null);
      case MIGRATE -> forward(history, set, Phase.MIGRATE, Phase.EXPAND);
      case CONTRACT -> forward(history, set, Phase.CONTRACT, Phase.MIGRATE);
      case ROLLBACK_MIGRATE, ROLLBACK_EXPAND -> rollback(history, requested);
    };
  }

  private static Decision forward(TenantHistory history, MigrationSet set, Phase phase, Phase prerequisite) {
    if (prerequisite != null && !history.succeeded(prerequisite)) {
      return new Decision.Refused(phase + " needs " + prerequisite + " to have succeeded first; it is "
          + history.record(prerequisite).filter(PhaseRecord::isLive).map(r -> r.state().toString()).orElse("not run"));
    }
    if (phase != Phase.CONTRACT && history.succeeded(Phase.CONTRACT)) {
      return new Decision.Refused(phase + " cannot run again after CONTRACT succeeded");
    }
    String checksum = set.script(phase).checksum();
    Optional<PhaseRecord> current = history.record(phase).filter(PhaseRecord::isLive);
    if (current.isEmpty()) {
      return new Decision.Run(List.of(phase), null);
    }
    PhaseRecord record = current.get();
    boolean sameScript = record.checksum().equals(checksum);
    if (record.succeeded()) {
      return sameScript ? new Decision.AlreadyDone(record) : drift(set, phase, record.checksum(), checksum);
    }
    if (phase == Phase.MIGRATE && record.cursor() != null) {
      return sameScript ? new Decision.Run(List.of(phase), record.cursor())
          : drift(set, phase, record.checksum(), checksum);
    }
    // a failed or interrupted DDL step rolled back with its transaction: nothing of it is applied
    return new Decision.Run(List.of(phase), null);
  }

  private static Decision rollback(TenantHistory history, Phase requested) {
    if (history.succeeded(Phase.CONTRACT)) {
      return new Decision.Refused(POINT_OF_NO_RETURN);
    }
    List<Phase> steps = new ArrayList<>();
    if (history.isLive(Phase.MIGRATE)) {
      steps.add(Phase.ROLLBACK_MIGRATE);
    }
    if (requested == Phase.ROLLBACK_EXPAND && history.isLive(Phase.EXPAND)) {
      steps.add(Phase.ROLLBACK_EXPAND);
    }
    if (steps.isEmpty()) {
      return new Decision.AlreadyDone(history.record(requested).orElse(null));
    }
    return new Decision.Run(List.copyOf(steps), null);
  }

  /** A phase that already succeeded with another version of its script means the database is not what the set says. */
  private static Optional<Decision> driftOfEarlierPhases(TenantHistory history, MigrationSet set, Phase requested) {
    if (requested.isRollback()) {
      return Optional.empty();
    }
    for (Phase phase : new Phase[] {Phase.EXPAND, Phase.MIGRATE}) {
      if (phase.ordinal() >= requested.ordinal()) {
        break;
      }
      Optional<PhaseRecord> record = history.record(phase).filter(PhaseRecord::succeeded);
      String checksum = set.script(phase).checksum();
      if (record.isPresent() && !record.get().checksum().equals(checksum)) {
        return Optional.of(drift(set, phase, record.get().checksum(), checksum));
      }
    }
    return Optional.empty();
  }

  private static Decision drift(MigrationSet set, Phase phase, String recorded, String current) {
    return new Decision.Drift("checksum drift in migration set '" + set.name() + "': " + phase.scriptName()
        + " was applied with " + recorded + " but is now " + current
        + "; a script must not change once applied (write a new migration set instead)");
  }
}
