package dev.tenantwave.migration.history;

import dev.tenantwave.migration.set.Phase;
import java.util.List;

/** What to do with a requested phase, given the tenant's history. */
public sealed interface Decision {

  /** Run these steps in order; a backfill resumes after {@code resumeCursor} when it is not null. */
  record Run(List<Phase> steps, Long resumeCursor) implements Decision {}

  /** Already done with the same script: announce the result again, run nothing. */
  record AlreadyDone(PhaseRecord record) implements Decision {}

  /** Not allowed now (order of phases, point of no return). */
  record Refused(String reason) implements Decision {}

  /** The script differs from the one the tenant's history recorded. */
  record Drift(String message) implements Decision {}
}
