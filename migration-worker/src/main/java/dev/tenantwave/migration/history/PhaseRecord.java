package dev.tenantwave.migration.history;

import dev.tenantwave.migration.set.Phase;
import java.time.Instant;

/** One row of a tenant's migration history: a phase, the checksum of its script, its state and backfill cursor. */
public record PhaseRecord(
    Phase phase, String checksum, PhaseState state, Long cursor, long rowsDone, Long rowsTotal, int attempts,
    Instant startedAt, Instant finishedAt, String error) {

  public boolean succeeded() {
    return state == PhaseState.SUCCEEDED;
  }

  public boolean isLive() {
    return state != PhaseState.ROLLED_BACK;
  }
}
