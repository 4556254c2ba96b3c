package dev.tenantwave.migration.database;

import dev.tenantwave.migration.history.Decision;
import dev.tenantwave.migration.history.PhasePolicy;
import dev.tenantwave.migration.history.TenantHistory;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.set.Script;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A SCHEMA or DATABASE tenant's EXPAND or CONTRACT as one transaction in three round trips: (1) tenant scope, the
 * schema's advisory lock, the history table if missing and the tenant's history under that lock; the policy
 * decides; (2) the script, its history row and verify.sql; (3) commit. A decision that runs nothing rolls back.
 * Deciding under the lock also means no other worker can apply the phase between the decision and the script.
 */
final class IsolatedDdlStep {

  private final TenantTransactions transactions;
  private final SqlRetry retry;

  IsolatedDdlStep(TenantTransactions transactions, SqlRetry retry) {
    this.transactions = transactions;
    this.retry = retry;
  }

  /** Decides and, when the decision is to run, runs the phase; the decision either way. */
  Decision decideAndRun(PhaseRun run) throws SQLException, InterruptedException {
    return retry.retrying(run, () -> decideAndRunOnce(run));
  }

  private Decision decideAndRunOnce(PhaseRun run) throws SQLException {
    Phase phase = run.command.phase();
    Script script = run.set.script(phase);
    String prelude = StepSql.LOCK_SCHEMA + ";\n" + JdbcHistory.ensureSql(false, null) + ";\n" + JdbcHistory.LOAD_SQL;
    return transactions.inTransaction(run.owner(), run.tenant, prelude,
        List.of(run.tenant.tenantId(), run.set.name()), (connection, results) -> {
          results.getMoreResults(); // the lock
          results.getMoreResults(); // the history table check
          results.getMoreResults(); // the history
          TenantHistory history;
          try (ResultSet rs = results.getResultSet()) {
            history = JdbcHistory.read(rs);
          }
          Decision decision = PhasePolicy.decide(history, run.set, phase);
          if (!(decision instanceof Decision.Run steps)) {
            connection.rollback();
            return decision;
          }
          if (!steps.steps().equals(List.of(phase))) {
            throw new IllegalStateException("a forward DDL phase runs only itself, not " + steps.steps());
          }
          run.reportStarted();
          List<String> problems = ScriptExecutor.executeThenQuery(connection, script, run.parameters(),
              JdbcHistory.SUCCEEDED_SQL,
              JdbcHistory.succeededValues(run.tenant.tenantId(), run.set.name(), phase, script.checksum()),
              run.set.verify(), StepSql.verifyParameters(run, phase), 10);
          StepSql.failOnFindings(phase, problems); // throws, which rolls the script and its history row back
          return decision;
        });
  }
}
