package dev.tenantwave.migration.database;

import java.sql.SQLException;

/**
 * One step of a phase on one tenant, run by {@link JdbcPhaseRunner} once {@code PhasePolicy} has decided to run it.
 * A new migration step is a new implementation, registered in {@link JdbcPhaseRunner}'s step table.
 */
interface PhaseStep {

  /** Runs the step; {@code resumeCursor} is the backfill cursor to resume after, or null to start afresh. */
  void run(PhaseRun run, Long resumeCursor) throws SQLException, InterruptedException;
}
