package dev.tenantwave.migration.database;

import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.set.Script;
import dev.tenantwave.migration.tenancy.TenantDirectory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A POOLED tenant's EXPAND or CONTRACT: the shared DDL once per database (recorded there, under the database's
 * lock), and the tenant's history row. The shared CONTRACT waits until every POOLED tenant of the database migrated.
 */
final class PooledDdlStep implements PhaseStep {

  private final Phase phase;
  private final TenantDirectory directory;
  private final TenantTransactions transactions;
  private final SqlRetry retry;

  PooledDdlStep(Phase phase, TenantDirectory directory, TenantTransactions transactions, SqlRetry retry) {
    this.phase = phase;
    this.directory = directory;
    this.transactions = transactions;
    this.retry = retry;
  }

  @Override
  public void run(PhaseRun run, Long resumeCursor) throws SQLException, InterruptedException {
    Script script = run.set.script(phase);
    // with the scope, in one round trip: the database's lock, then the history tables check under it
    String prelude = StepSql.LOCK_SCHEMA + ";\n" + JdbcHistory.ensureSql(true, run.runtimeRole());
    retry.retrying(run, () -> transactions.inTransaction(run.owner(), run.tenant, prelude, connection -> {
      String applied = JdbcHistory.databaseChecksum(connection, run.set.name(), phase).orElse(null);
      if (applied == null) {
        if (phase == Phase.CONTRACT) {
          requireEveryTenantMigrated(connection, run);
        }
        ScriptExecutor.execute(connection, script, run.parameters());
        JdbcHistory.recordDatabase(connection, run.set.name(), phase, script.checksum());
      } else if (!applied.equals(script.checksum())) {
        throw new StepFailedException("checksum drift in database " + run.tenant.databaseKey() + ": "
            + script.name() + " of '" + run.set.name() + "' was applied with " + applied + " but is now "
            + script.checksum());
      }
      JdbcHistory.succeeded(connection, run.tenant.tenantId(), run.set.name(), phase, script.checksum());
      StepSql.verify(connection, run, phase); // a finding throws, which rolls the script and its history row back
      return null;
    }));
  }

  private void requireEveryTenantMigrated(Connection connection, PhaseRun run) throws SQLException {
    List<String> pending = StepSql.pooledTenantsWhere(connection, run, directory, transactions,
        history -> !history.succeeded(Phase.MIGRATE));
    if (!pending.isEmpty()) {
      throw new StepFailedException("CONTRACT of the shared tables in " + run.tenant.databaseKey() + " refused: "
          + pending.size() + " POOLED tenant(s) there have not migrated yet (MIGRATE not SUCCEEDED): "
          + pending.subList(0, Math.min(10, pending.size())) + "; retry the CONTRACT once they have");
    }
  }
}
