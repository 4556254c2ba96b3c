package dev.tenantwave.migration.database;

import dev.tenantwave.migration.history.PhaseState;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.set.Script;
import java.sql.SQLException;

/** Undoes the backfill (rollback_migrate.sql, if the set has one) and marks MIGRATE and CONTRACT rolled back. */
final class RollbackMigrateStep implements PhaseStep {

  private final TenantTransactions transactions;
  private final SqlRetry retry;

  RollbackMigrateStep(TenantTransactions transactions, SqlRetry retry) {
    this.transactions = transactions;
    this.retry = retry;
  }

  @Override
  public void run(PhaseRun run, Long resumeCursor) throws SQLException, InterruptedException {
    String tenantId = run.tenant.tenantId();
    String set = run.set.name();
    String checksum = run.set.optionalScript(Phase.ROLLBACK_MIGRATE).map(Script::checksum).orElse("none");
    retry.retrying(run, () -> transactions.inTransaction(run.dataAccess(), run.tenant, connection -> {
      if (run.set.optionalScript(Phase.ROLLBACK_MIGRATE).isPresent()) {
        ScriptExecutor.execute(connection, run.set.script(Phase.ROLLBACK_MIGRATE), run.parameters());
      }
      JdbcHistory.finish(connection, tenantId, set, Phase.CONTRACT, PhaseState.ROLLED_BACK, null);
      JdbcHistory.finish(connection, tenantId, set, Phase.MIGRATE, PhaseState.ROLLED_BACK, null);
      JdbcHistory.start(connection, tenantId, set, Phase.ROLLBACK_MIGRATE, checksum, null, true);
      JdbcHistory.finish(connection, tenantId, set, Phase.ROLLBACK_MIGRATE, PhaseState.SUCCEEDED, null);
      return null;
    }));
  }
}
