package dev.tenantwave.migration.database;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import dev.tenantwave.migration.backfill.AdaptiveBatchSize;
import dev.tenantwave.migration.backfill.BackfillSettings;
import dev.tenantwave.migration.backfill.Throttle;
import dev.tenantwave.migration.history.Decision;
import dev.tenantwave.migration.history.PhasePolicy;
import dev.tenantwave.migration.history.PhaseRecord;
import dev.tenantwave.migration.history.PhaseState;
import dev.tenantwave.migration.history.TenantHistory;
import dev.tenantwave.migration.retry.RetrySettings;
import dev.tenantwave.migration.retry.SqlErrorClass;
import dev.tenantwave.migration.run.MigrationCommand;
import dev.tenantwave.migration.run.PhaseRunner;
import dev.tenantwave.migration.run.Progress;
import dev.tenantwave.migration.run.ProgressListener;
import dev.tenantwave.migration.run.ProgressState;
import dev.tenantwave.migration.set.MigrationSet;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.set.Script;
import dev.tenantwave.migration.tenancy.TenancyModel;
import dev.tenantwave.migration.tenancy.TenantDirectory;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Runs one tenant's phase on PostgreSQL. Every transaction is scoped to the tenant (timeouts, app.tenant_id,
 * search_path) and retried with backoff on retriable SQL errors. DDL that POOLED tenants share runs once per
 * database under an advisory lock and is recorded there; the POOLED backfill runs as the runtime login, which
 * row-level security binds to the tenant. The backfill cursor moves in the transaction of the batch it covers,
 * so a crash resumes after the last committed batch.
 */
public class JdbcPhaseRunner implements PhaseRunner, AutoCloseable {

  private final ConnectionPools pools;
  private final TenantDirectory directory;
  private final TenantTransactions transactions;
  private final RetrySettings retry;
  private final BackfillSettings backfill;
  private final PressureProbe probe;
  private final Map<String, Throttle> throttles = new java.util.concurrent.ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "migration-progress-ticker");
    thread.setDaemon(true);
    return thread;
  });

  public JdbcPhaseRunner(ConnectionPools pools, TenantDirectory directory, Timeouts timeouts, RetrySettings retry,
      BackfillSettings backfill) {
    this.pools = pools;
    this.directory = directory;
    this.transactions = new TenantTransactions(timeouts);
    this.retry = retry;
    this.backfill = backfill;
    this.probe = new PressureProbe(200);
  }

  /** What one run of a command knows while it goes: whom to tell, since when. */
  private final class Run {
    final TenantPlacement tenant;
    final MigrationSet set;
    final MigrationCommand command;
    final ProgressListener listener;
    final long startedNanos = System.nanoTime();
    final String checksum;
    long rowsDone;
    Long rowsTotal;
    boolean started;

    Run(TenantPlacement tenant, MigrationSet set, MigrationCommand command, ProgressListener listener) {
      this.tenant = tenant;
      this.set = set;
      this.command = command;
      this.listener = listener;
      this.checksum = set.optionalScript(command.phase()).map(Script::checksum).orElse(null);
    }

    long elapsedMillis() {
      return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    Progress report(ProgressState state, String error) {
      Progress progress = new Progress(command, state, rowsDone, rowsTotal, null, null, elapsedMillis(),
          command.attempt(), error, checksum);
      listener.onProgress(progress);
      return progress;
    }

    /** STARTED once per run, however often a retry gets there again. */
    void reportStarted() {
      if (!started) {
        started = true;
        report(ProgressState.STARTED, null);
      }
    }

    boolean pooled() {
      return tenant.model() == TenancyModel.POOLED;
    }

    DataSource owner() {
      return pools.owner(tenant.cluster(), tenant.database());
    }

    /** POOLED tenant data is touched only by the login row-level security binds. */
    DataSource dataAccess() {
      return pooled() ? pools.runtime(tenant.cluster(), tenant.database()) : owner();
    }

    Map<String, Object> parameters() {
      return Map.of("tenant_id", tenant.tenantId(), "phase", command.phase().name());
    }
  }

  @Override
  public Progress run(TenantPlacement tenant, MigrationSet set, MigrationCommand command, ProgressListener listener) {
    Run run = new Run(tenant, set, command, listener);
    try {
      if (!run.pooled() && (command.phase() == Phase.EXPAND || command.phase() == Phase.CONTRACT)) {
        Decision decision = retrying(run, null, () -> decideAndRunDdl(run));
        Progress concluded = concluded(run, decision);
        return concluded != null ? concluded : run.report(ProgressState.SUCCEEDED, null);
      }
      Decision decision = retrying(run, null, () -> transactions.inTransaction(run.owner(), tenant,
          connection -> PhasePolicy.decide(JdbcHistory.load(connection, tenant.tenantId(), set.name()), set,
              command.phase())));
      Progress concluded = concluded(run, decision);
      if (concluded != null) {
        return concluded;
      }
      Decision.Run steps = (Decision.Run) decision;
      run.reportStarted();
      for (Phase step : steps.steps()) {
        runStep(run, step, steps.resumeCursor());
      }
      return run.report(ProgressState.SUCCEEDED, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Progress(command, ProgressState.FAILED, run.rowsDone, run.rowsTotal, null, null,
          run.elapsedMillis(), command.attempt(), "worker stopped; the phase resumes on the next start", run.checksum);
    } catch (SQLException | RuntimeException e) {
      String error = describe(e);
      recordFailure(run, error);
      return run.report(ProgressState.FAILED, error);
    }
  }

  /** The final progress of a decision that runs nothing, or null when the decision is to run. */
  private static Progress concluded(Run run, Decision decision) {
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

  /**
   * A SCHEMA or DATABASE tenant's EXPAND or CONTRACT as one transaction in three round trips: (1) tenant scope,
   * the schema's advisory lock, the history table if missing and the tenant's history under that lock; the policy
   * decides; (2) the script, its history row and verify.sql; (3) commit. A decision that runs nothing rolls back.
   * Deciding under the lock also means no other worker can apply the phase between the decision and the script.
   */
  private Decision decideAndRunDdl(Run run) throws SQLException {
    Phase phase = run.command.phase();
    Script script = run.set.script(phase);
    String prelude = LOCK_SCHEMA + ";\n" + JdbcHistory.ensureSql(false, null) + ";\n" + JdbcHistory.LOAD_SQL;
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
              run.set.verify(), verifyParameters(run, phase), 10);
          failOnFindings(phase, problems); // throws, which rolls the script and its history row back
          return decision;
        });
  }

  @Override
  public Progress reannounce(TenantPlacement tenant, MigrationSet set, MigrationCommand command,
      ProgressListener listener) {
    Run run = new Run(tenant, set, command, listener);
    try {
      TenantHistory history = retrying(run, null, () -> transactions.inTransaction(run.owner(), tenant,
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
      return run.report(ProgressState.FAILED, describe(e));
    }
  }

  private void runStep(Run run, Phase step, Long resumeCursor) throws SQLException, InterruptedException {
    switch (step) {
      case EXPAND, CONTRACT -> runPooledDdl(run, step); // SCHEMA/DATABASE: decideAndRunDdl
      case MIGRATE -> runBackfill(run, resumeCursor);
      case ROLLBACK_MIGRATE -> rollbackMigrate(run);
      case ROLLBACK_EXPAND -> rollbackExpand(run);
    }
  }

  /** POOLED: the shared DDL once per database (recorded there), and the tenant's history row. */
  private void runPooledDdl(Run run, Phase phase) throws SQLException, InterruptedException {
    Script script = run.set.script(phase);
    // with the scope, in one round trip: the database's lock, then the history tables check under it
    String prelude = LOCK_SCHEMA + ";\n" + JdbcHistory.ensureSql(true, runtimeRole(run));
    retrying(run, null, () -> transactions.inTransaction(run.owner(), run.tenant, prelude, connection -> {
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
      verify(connection, run, phase); // a finding throws, which rolls the script and its history row back
      return null;
    }));
  }

  /**
   * Alone, batches commit without waiting for their WAL flush, so the backfill issues no flushes of its own. A
   * batch and its cursor row still commit atomically: a server crash can lose only the last few batches together
   * with their cursor, and the worker redoes them from the last durable cursor: their effects were lost with them,
   * so every batch still lands exactly once. The transaction that records MIGRATE as SUCCEEDED stays synchronous,
   * and a synchronous commit flushes all earlier WAL, so success is never announced for lost work.
   *
   * <p>While a foreground is active, the (then tiny) batches commit synchronously: each flushes its own WAL at once,
   * so a foreground commit no longer has to flush the backfill's WAL in front of its own, and waits only when it
   * meets such a flush (one pair of runs: foreground p99 1.35x its idle p99 against 1.75x with asynchronous batches).
   */
  private static final String ASYNC_COMMIT = "SET LOCAL synchronous_commit = off";
  private static final String SYNC_COMMIT = "SET LOCAL synchronous_commit = local"; // its own flush, no standby wait

  private void runBackfill(Run run, Long resumeCursor) throws SQLException, InterruptedException {
    DataSource data = run.dataAccess();
    Script script = run.set.script(Phase.MIGRATE);
    String tenantId = run.tenant.tenantId();
    PhaseRecord record = retrying(run, null, () -> transactions.inTransaction(data, run.tenant, connection -> {
      long total = countRows(connection, run);
      JdbcHistory.start(connection, tenantId, run.set.name(), Phase.MIGRATE, script.checksum(), total,
          resumeCursor == null);
      return JdbcHistory.load(connection, tenantId, run.set.name()).record(Phase.MIGRATE).orElseThrow();
    }));
    run.rowsTotal = record.rowsTotal();
    run.rowsDone = record.rowsDone();
    long[] cursor = {record.cursor() == null ? Long.MIN_VALUE : record.cursor()};
    AdaptiveBatchSize batchSize = backfill.newBatchSize();
    Throttle throttle = throttles.computeIfAbsent(run.tenant.databaseKey(), key -> backfill.newThrottle());
    long rowsThisRun = 0;
    AtomicReference<Progress> latest = new AtomicReference<>(progress(run, null, null));
    run.listener.onProgress(latest.get());
    ScheduledFuture<?> heartbeat = ticker.scheduleAtFixedRate(() -> run.listener.onProgress(latest.get()),
        backfill.progressIntervalMillis(), backfill.progressIntervalMillis(), TimeUnit.MILLISECONDS);
    try {
      while (true) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("worker stopped mid-backfill");
        }
        if (backfill.throttle()) {
          throttle.awaitTurn();
        }
        long batchStart = System.nanoTime();
        long[] batch;
        double batchMillis;
        try {
          String commitMode = backfill.throttle() && throttle.foreground() ? SYNC_COMMIT : ASYNC_COMMIT;
          batch = retrying(run, batchSize::shrink, () -> transactions.inTransaction(data, run.tenant,
              commitMode, connection -> runBatch(connection, run, script, cursor[0], batchSize.current())));
        } finally {
          batchMillis = (System.nanoTime() - batchStart) / 1e6;
          if (backfill.throttle()) {
            throttle.batchDone(batchMillis); // also after a failed batch: the next turn must come
          }
        }
        if (batch[0] == 0) {
          break;
        }
        cursor[0] = batch[1];
        run.rowsDone += batch[0];
        rowsThisRun += batch[0];
        batchSize.observe((int) batch[0], batchMillis,
            backfill.throttle() ? throttle.targetBatchMillis(batchSize.targetMillis()) : batchSize.targetMillis());
        double seconds = Math.max(0.001, run.elapsedMillis() / 1000.0);
        latest.set(progress(run, rowsThisRun / seconds, Math.round(batchMillis)));
        if (backfill.throttle()) {
          probe.beat(run.tenant.databaseKey(), run.owner()).ifPresent(throttle::observe);
        }
        if (batch[0] < batch[2]) {
          break; // a short batch was the last one
        }
      }
    } finally {
      heartbeat.cancel(false);
    }
    retrying(run, null, () -> transactions.inTransaction(data, run.tenant, connection -> {
      verify(connection, run, Phase.MIGRATE);
      JdbcHistory.finish(connection, tenantId, run.set.name(), Phase.MIGRATE, PhaseState.SUCCEEDED, null);
      return null;
    }));
  }

  /** One keyset batch: the next {@code size} keys after the cursor, the script over them, the cursor after them. */
  private long[] runBatch(Connection connection, Run run, Script script, long from, int size) throws SQLException {
    var manifest = run.set.manifest();
    long rows;
    long to;
    try (PreparedStatement statement = connection.prepareStatement("SELECT count(*), max(k) FROM (SELECT "
        + manifest.backfillKey() + " AS k FROM " + manifest.backfillTable() + " WHERE " + manifest.tenantColumn()
        + " = ? AND " + manifest.backfillKey() + " > ? ORDER BY " + manifest.backfillKey() + " LIMIT ?) batch")) {
      statement.setString(1, run.tenant.tenantId());
      statement.setLong(2, from);
      statement.setInt(3, size);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        rows = rs.getLong(1);
        to = rs.getLong(2);
      }
    }
    if (rows == 0) {
      return new long[] {0, from, size};
    }
    ScriptExecutor.execute(connection, script, Map.of("tenant_id", run.tenant.tenantId(), "from_key", from,
        "to_key", to, "batch_size", size));
    JdbcHistory.advance(connection, run.tenant.tenantId(), run.set.name(), to, rows);
    return new long[] {rows, to, size};
  }

  private long countRows(Connection connection, Run run) throws SQLException {
    var manifest = run.set.manifest();
    try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM "
        + manifest.backfillTable() + " WHERE " + manifest.tenantColumn() + " = ?")) {
      statement.setString(1, run.tenant.tenantId());
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private void rollbackMigrate(Run run) throws SQLException, InterruptedException {
    String tenantId = run.tenant.tenantId();
    String checksum = run.set.optionalScript(Phase.ROLLBACK_MIGRATE).map(Script::checksum).orElse("none");
    retrying(run, null, () -> transactions.inTransaction(run.dataAccess(), run.tenant, connection -> {
      if (run.set.optionalScript(Phase.ROLLBACK_MIGRATE).isPresent()) {
        ScriptExecutor.execute(connection, run.set.script(Phase.ROLLBACK_MIGRATE), run.parameters());
      }
      JdbcHistory.finish(connection, tenantId, run.set.name(), Phase.CONTRACT, PhaseState.ROLLED_BACK, null);
      JdbcHistory.finish(connection, tenantId, run.set.name(), Phase.MIGRATE, PhaseState.ROLLED_BACK, null);
      JdbcHistory.start(connection, tenantId, run.set.name(), Phase.ROLLBACK_MIGRATE, checksum, null, true);
      JdbcHistory.finish(connection, tenantId, run.set.name(), Phase.ROLLBACK_MIGRATE, PhaseState.SUCCEEDED, null);
      return null;
    }));
  }

  /**
   * SCHEMA and DATABASE tenants drop what expand added. A POOLED tenant only leaves the shared expansion; the
   * shared DDL is undone when the last tenant of the database has left it.
   */
  private void rollbackExpand(Run run) throws SQLException, InterruptedException {
    String tenantId = run.tenant.tenantId();
    Script script = run.set.script(Phase.ROLLBACK_EXPAND);
    retrying(run, null, () -> transactions.inTransaction(run.owner(), run.tenant, connection -> {
      lockSchema(connection);
      JdbcHistory.finish(connection, tenantId, run.set.name(), Phase.EXPAND, PhaseState.ROLLED_BACK, null);
      JdbcHistory.start(connection, tenantId, run.set.name(), Phase.ROLLBACK_EXPAND, script.checksum(), null, true);
      JdbcHistory.finish(connection, tenantId, run.set.name(), Phase.ROLLBACK_EXPAND, PhaseState.SUCCEEDED, null);
      if (!run.pooled()) {
        ScriptExecutor.execute(connection, script, run.parameters());
      } else if (JdbcHistory.databaseChecksum(connection, run.set.name(), Phase.EXPAND).isPresent()
          && tenantsWhere(connection, run, history -> history.isLive(Phase.EXPAND)).isEmpty()) {
        ScriptExecutor.execute(connection, script, run.parameters());
        JdbcHistory.forgetDatabase(connection, run.set.name(), Phase.EXPAND);
      }
      return null;
    }));
  }

  private void requireEveryTenantMigrated(Connection connection, Run run) throws SQLException {
    List<String> pending = tenantsWhere(connection, run, history -> !history.succeeded(Phase.MIGRATE));
    if (!pending.isEmpty()) {
      throw new StepFailedException("CONTRACT of the shared tables in " + run.tenant.databaseKey() + " refused: "
          + pending.size() + " POOLED tenant(s) there have not migrated yet (MIGRATE not SUCCEEDED): "
          + pending.subList(0, Math.min(10, pending.size())) + "; retry the CONTRACT once they have");
    }
  }

  /** The POOLED tenants of this database whose history matches, reading each under its own tenant scope. */
  private List<String> tenantsWhere(Connection connection, Run run,
      java.util.function.Predicate<TenantHistory> condition) throws SQLException {
    List<String> matching = new ArrayList<>();
    for (TenantPlacement other : directory.inDatabase(run.tenant.cluster(), run.tenant.database())) {
      if (other.model() != TenancyModel.POOLED) {
        continue;
      }
      transactions.scope(connection, other.tenantId(), "public");
      if (condition.test(JdbcHistory.load(connection, other.tenantId(), run.set.name()))) {
        matching.add(other.tenantId());
      }
    }
    transactions.scope(connection, run.tenant.tenantId(), TenantTransactions.searchPath(run.tenant));
    return matching;
  }

  private void verify(Connection connection, Run run, Phase phase) throws SQLException {
    failOnFindings(phase, ScriptExecutor.query(connection, run.set.verify(), verifyParameters(run, phase), 10));
  }

  private static Map<String, Object> verifyParameters(Run run, Phase phase) {
    return Map.of("tenant_id", run.tenant.tenantId(), "phase", phase.name());
  }

  private static void failOnFindings(Phase phase, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new StepFailedException("verify.sql after " + phase + " found: " + String.join("; ", problems));
    }
  }

  /** Serialises DDL and history creation per schema (POOLED: per database), whoever runs it. */
  private static void lockSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(LOCK_SCHEMA);
    }
  }

  private static final String LOCK_SCHEMA =
      "SELECT pg_advisory_xact_lock(hashtext('tenantwave-migration'), hashtext(current_schema()))";

  private String runtimeRole(Run run) {
    return pools.cluster(run.tenant.cluster()).runtimeUsername();
  }

  private Progress progress(Run run, Double rowsPerSecond, Long batchMillis) {
    return new Progress(run.command, ProgressState.RUNNING, run.rowsDone, run.rowsTotal, rowsPerSecond, batchMillis,
        run.elapsedMillis(), run.command.attempt(), null, run.checksum);
  }

  private void recordFailure(Run run, String error) {
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

  private <T> T retrying(Run run, Runnable beforeRetry, CheckedSupplier<T> work)
      throws SQLException, InterruptedException {
    RetryPolicy<T> policy = RetryPolicy.<T>builder()
        .handleIf(JdbcPhaseRunner::isRetriable)
        .withBackoff(retry.initialDelay(), retry.maxDelay())
        .withJitter(retry.jitterFactor())
        .withMaxRetries(retry.maxRetries())
        .onRetry(event -> {
          if (beforeRetry != null) {
            beforeRetry.run();
          }
          run.listener.onProgress(new Progress(run.command, ProgressState.RETRYING, run.rowsDone, run.rowsTotal,
              null, null, run.elapsedMillis(), event.getAttemptCount() + 1, describe(event.getLastException()),
              run.checksum));
        })
        .build();
    try {
      return Failsafe.with(policy).get(work);
    } catch (FailsafeException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException sql) {
        throw sql;
      }
      if (cause instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw e;
    }
  }

  static boolean isRetriable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return SqlErrorClass.of(sql.getSQLState()) == SqlErrorClass.RETRIABLE;
      }
    }
    return false;
  }

  static String describe(Throwable error) {
    if (error instanceof SQLException sql) {
      return sql.getMessage() + " (SQLState " + sql.getSQLState() + ")";
    }
    if (error instanceof FailsafeException && error.getCause() != null) {
      return describe(error.getCause());
    }
    return error.getMessage() == null ? error.toString() : error.getMessage();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
