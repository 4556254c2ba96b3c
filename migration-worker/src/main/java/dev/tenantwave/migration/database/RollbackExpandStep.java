package dev.tenantwave.migration.database;

import dev.tenantwave.migration.history.PhaseState;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.set.Script;
import dev.tenantwave.migration.tenancy.TenantDirectory;
import java.sql.SQLException;

/**
 * SCHEMA and DATABASE tenants drop what expand added. A POOLED tenant only leaves the shared expansion; the shared
 * DDL is undone when the last tenant of the database has left it.
 */
final class RollbackExpandStep implements PhaseStep {

  private final TenantDirectory directory;
  private final TenantTransactions transactions;
  private final SqlRetry retry;

  RollbackExpandStep(TenantDirectory directory, TenantTransactions transactions, SqlRetry retry) {
    this.directory = directory;
    this.transactions = transactions;
    this.retry = retry;
  }

  @Override
  public void run(PhaseRun run, Long resumeCursor) throws SQLException, InterruptedException {
    String tenantId = run.tenant.tenantId();
    String set = run.set.name();
    Script script = run.set.script(Phase.ROLLBACK_EXPAND);
    retry.retrying(run, () -> transactions.inTransaction(run.owner(), run.tenant, connection -> {
      StepSql.lockSchema(connection);
      JdbcHistory.finish(connection, tenantId, set, Phase.EXPAND, PhaseState.ROLLED_BACK, null);
      JdbcHistory.start(connection, tenantId, set, Phase.ROLLBACK_EXPAND, script.checksum(), null, true);
      JdbcHistory.finish(connection, tenantId, set, Phase.ROLLBACK_EXPAND, PhaseState.SUCCEEDED, null);
      if (!run.pooled()) {
        ScriptExecutor.execute(connection, script, run.parameters());
      } else if (JdbcHistory.databaseChecksum(connection, set, Phase.EXPAND).isPresent()
          && StepSql.pooledTenantsWhere(connection, run, directory, transactions,
              history -> history.isLive(Phase.EXPAND)).isEmpty()) {
        ScriptExecutor.execute(connection, script, run.parameters());
        JdbcHistory.forgetDatabase(connection, set, Phase.EXPAND);
      }
      return null;
    }));
  }
}
