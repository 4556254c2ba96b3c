package dev.tenantwave.migration.database;

import dev.tenantwave.migration.backfill.BackfillSettings;
import dev.tenantwave.migration.history.Decision;
import dev.tenantwave.migration.history.PhasePolicy;
import dev.tenantwave.migration.history.PhaseRecord;
import dev.tenantwave.migration.history.PhaseState;
import dev.tenantwave.migration.history.TenantHistory;
import dev.tenantwave.migration.retry.RetrySettings;
import dev.tenantwave.migration.run.MigrationCommand;
import dev.tenantwave.migration.run.PhaseRunner;
import dev.tenantwave.migration.run.Progress;
import dev.tenantwave.migration.run.ProgressListener;
import dev.tenantwave.migration.run.ProgressState;
import dev.tenantwave.migration.set.MigrationSet;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.tenancy.TenantDirectory;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Runs one tenant's phase on PostgreSQL: asks {@link PhasePolicy} what to do from the tenant's history, runs the
 * steps it decides (one {@link PhaseStep} per phase) and reports progress. Every transaction is scoped to the tenant
 * (timeouts, app.tenant_id, search_path) and retried with backoff on retriable SQL errors ({@link SqlRetry}). DDL
 * that POOLED tenants share runs once per database under an advisory lock and is recorded there; the POOLED
 * backfill runs as the runtime login, which row-level security binds to the tenant.
 */
public class JdbcPhaseRunner implements PhaseRunner, AutoCloseable {

  private final ConnectionPools pools;
  private final TenantTransactions transactions;
  private final SqlRetry retry;
  private final ProgressTicker ticker = new ProgressTicker();
  private final IsolatedDdlStep isolatedDdl;
  private final Map<Phase, PhaseStep> steps = new EnumMap<>(Phase.class);

  public JdbcPhaseRunner(ConnectionPools pools, TenantDirectory directory, Timeouts timeouts, RetrySettings retry,
      BackfillSettings backfill) {
    this.pools = pools;
    this.transactions = new TenantTransactions(timeouts);
    this.retry = new SqlRetry(retry);
    this.isolatedDdl = new IsolatedDdlStep(transactions, this.retry);
    steps.put(Phase.EXPAND, new PooledDdlStep(Phase.EXPAND, directory, transactions, this.retry));
    steps.put(Phase.MIGRATE, new BackfillStep(transactions, this.retry, backfill, ticker));
    steps.put(Phase.CONTRACT, new PooledDdlStep(Phase.CONTRACT, directory, transactions, this.retry));
    steps.put(Phase.ROLLBACK_MIGRATE, new RollbackMigrateStep(transactions, this.retry));
    steps.put(Phase.ROLLBACK_EXPAND, new RollbackExpandStep(directory, transactions, this.retry));
  }

  @Override
  public Progress run(TenantPlacement tenant, MigrationSet set, MigrationCommand command, ProgressListener listener) {
    PhaseRun run = new PhaseRun(pools, tenant, set, command, listener);
    try {
      if (!run.pooled() && (command.phase() == Phase.EXPAND || command.phase() == Phase.CONTRACT)) {
        Progress concluded = concluded(run, isolatedDdl.decideAndRun(run));
        return concluded != null ? concluded : run.report(ProgressState.SUCCEEDED, null);
      }
      Decision decision = retry.retrying(run, () -> transactions.inTransaction(run.owner(), tenant,
          connection -> PhasePolicy.decide(JdbcHistory.load(connection, tenant.tenantId(), set.name()), set,
              command.phase())));
      Progress concluded = concluded(run, decision);
      if (concluded != null) {
        return concluded;
      }
      Decision.Run toRun = (Decision.Run) decision;
      run.reportStarted();
      for (Phase step : toRun.steps()) {
        steps.get(step).run(run, toRun.resumeCursor());
      }
      return run.report(ProgressState.SUCCEEDED, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Progress(command, ProgressState.FAILED, run.rowsDone, run.rowsTotal, null, null,
          run.elapsedMillis(), command.attempt(), "worker stopped; the phase resumes on the next start", run.checksum);
    } catch (SQLException | RuntimeException e) {
      String error = SqlRetry.describe(e);
      recordFailure(run, error);
      return run.report(ProgressState.FAILED, error);
    }
  }

  /** The final progress of a decision that runs nothing, or null when the decision is to run. */
  private static Progress concluded(PhaseRun run, Decision decision) {
    if (decision instanceof Decision.AlreadyDone done) {
      if (done.record() != null) {
        run.rowsDone = done.record().rowsDone();
        run.rowsTotal = done.record().rowsTotal();
      }
      return run.report(ProgressState.SUCCEEDED, null);
    }
    if (decision instanceof Decision.Refused refused) {
      return run.report(ProgressState.FAILED, refused.reason());
    }
    if (decision instanceof Decision.Drift drift) {
      return run.report(ProgressState.FAILED, drift.message());
    }
    return null;
  }

  @Override
  public Progress reannounce(TenantPlacement tenant, MigrationSet set, MigrationCommand command,
      ProgressListener listener) {
    PhaseRun run = new PhaseRun(pools, tenant, set, command, listener);
    try {
      TenantHistory history = retry.retrying(run, () -> transactions.inTransaction(run.owner(), tenant,
          connection -> JdbcHistory.load(connection, tenant.tenantId(), set.name())));
      PhaseRecord record = history.record(command.phase()).orElse(null);
      if (record == null) {
        return run(tenant, set, command, listener);
      }
      run.rowsDone = record.rowsDone();
      run.rowsTotal = record.rowsTotal();
      return switch (record.state()) {
        case SUCCEEDED, ROLLED_BACK -> run.report(ProgressState.SUCCEEDED, null);
        case FAILED -> run.report(ProgressState.FAILED, record.error());
        case RUNNING -> run(tenant, set, command, listener); // interrupted by a crash: resume
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Progress.failed(command, "worker stopped", run.elapsedMillis(), run.checksum);
    } catch (SQLException | RuntimeException e) {
      return run.report(ProgressState.FAILED, SqlRetry.describe(e));
    }
  }

  private void recordFailure(PhaseRun run, String error) {
    if (run.command.phase().isRollback()) {
      return;
    }
    try {
      transactions.inTransaction(run.owner(), run.tenant, connection -> {
        if (JdbcHistory.exists(connection, JdbcHistory.TABLE)) {
          JdbcHistory.finish(connection, run.tenant.tenantId(), run.set.name(), run.command.phase(),
              PhaseState.FAILED, error);
        }
        return null;
      });
    } catch (SQLException | RuntimeException ignored) {
      // the failure is reported on Kafka all the same; the history keeps its last committed state
    }
  }

  @Override
  public void close() {
    ticker.close();
  }
}
