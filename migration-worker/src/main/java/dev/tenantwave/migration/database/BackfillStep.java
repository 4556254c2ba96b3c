package dev.tenantwave.migration.database;

import dev.tenantwave.migration.backfill.AdaptiveBatchSize;
import dev.tenantwave.migration.backfill.BackfillSettings;
import dev.tenantwave.migration.backfill.Throttle;
import dev.tenantwave.migration.history.PhaseRecord;
import dev.tenantwave.migration.history.PhaseState;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.set.Script;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * MIGRATE: the backfill in keyset batches. The cursor moves in the transaction of the batch it covers, so a crash
 * resumes after the last committed batch; batches adapt their size, and a per-database throttle gives way to the
 * foreground.
 *
 * <p>Alone, batches commit without waiting for their WAL flush, so the backfill issues no flushes of its own. A batch
 * and its cursor row still commit atomically: a server crash can lose only the last few batches together with their
 * cursor, and the worker redoes them from the last durable cursor: their effects were lost with them, so every batch
 * still lands exactly once. The transaction that records MIGRATE as SUCCEEDED stays synchronous, and a synchronous
 * commit flushes all earlier WAL, so success is never announced for lost work.
 *
 * <p>While a foreground is active, the (then tiny) batches commit synchronously: each flushes its own WAL at once,
 * so a foreground commit no longer has to flush the backfill's WAL in front of its own, and waits only when it meets
 * such a flush (measured in docs/benchmarks.md, "Backfill commit mode").
 */
final class BackfillStep implements PhaseStep {

  private static final String ASYNC_COMMIT = "SET LOCAL synchronous_commit = off";
  private static final String SYNC_COMMIT = "SET LOCAL synchronous_commit = local"; // its own flush, no standby wait

  private final TenantTransactions transactions;
  private final SqlRetry retry;
  private final BackfillSettings backfill;
  private final ProgressTicker ticker;
  private final PressureProbe probe = new PressureProbe(200);
  private final Map<String, Throttle> throttles = new ConcurrentHashMap<>();

  BackfillStep(TenantTransactions transactions, SqlRetry retry, BackfillSettings backfill, ProgressTicker ticker) {
    this.transactions = transactions;
    this.retry = retry;
    this.backfill = backfill;
    this.ticker = ticker;
  }

  @Override
  public void run(PhaseRun run, Long resumeCursor) throws SQLException, InterruptedException {
    DataSource data = run.dataAccess();
    Script script = run.set.script(Phase.MIGRATE);
    String tenantId = run.tenant.tenantId();
    PhaseRecord record = retry.retrying(run, () -> transactions.inTransaction(data, run.tenant, connection -> {
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
    try (ProgressTicker.Ticking ticking = ticker.start(run.listener, run.running(null, null),
        backfill.progressIntervalMillis())) {
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
          batch = retry.retrying(run, batchSize::shrink, () -> transactions.inTransaction(data, run.tenant,
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
        ticking.update(run.running(rowsThisRun / seconds, Math.round(batchMillis)));
        if (backfill.throttle()) {
          probe.beat(run.tenant.databaseKey(), run.owner()).ifPresent(throttle::observe);
        }
        if (batch[0] < batch[2]) {
          break; // a short batch was the last one
        }
      }
    }
    retry.retrying(run, () -> transactions.inTransaction(data, run.tenant, connection -> {
      StepSql.verify(connection, run, Phase.MIGRATE);
      JdbcHistory.finish(connection, tenantId, run.set.name(), Phase.MIGRATE, PhaseState.SUCCEEDED, null);
      return null;
    }));
  }

  /** One keyset batch: the next {@code size} keys after the cursor, the script over them, the cursor after them. */
  private static long[] runBatch(Connection connection, PhaseRun run, Script script, long from, int size)
      throws SQLException {
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

  private static long countRows(Connection connection, PhaseRun run) throws SQLException {
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
}
