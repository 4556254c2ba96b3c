package dev.tenantwave.migration.database;

import dev.tenantwave.migration.run.MigrationCommand;
import dev.tenantwave.migration.run.Progress;
import dev.tenantwave.migration.run.ProgressListener;
import dev.tenantwave.migration.run.ProgressState;
import dev.tenantwave.migration.set.MigrationSet;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.set.Script;
import dev.tenantwave.migration.tenancy.TenancyModel;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What one run of a command knows while it goes: the tenant and its logins, whom to tell, since when. */
final class PhaseRun {

  private static final Logger LOG = LoggerFactory.getLogger(PhaseRun.class);

  final TenantPlacement tenant;
  final MigrationSet set;
  final MigrationCommand command;
  final ProgressListener listener;
  final String checksum;
  private final ConnectionPools pools;
  private final long startedNanos = System.nanoTime();
  long rowsDone;
  Long rowsTotal;
  private boolean started;

  PhaseRun(ConnectionPools pools, TenantPlacement tenant, MigrationSet set, MigrationCommand command,
      ProgressListener listener) {
    this.pools = pools;
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
    if (state == ProgressState.FAILED) {
      LOG.warn("{} of tenant {} in database {}{} failed: {}", command.phase(), tenant.tenantId(), tenant.database(),
          tenant.schema() == null ? "" : ", schema " + tenant.schema(), error);
    }
    Progress progress = new Progress(command, state, rowsDone, rowsTotal, null, null, elapsedMillis(),
        command.attempt(), error, checksum);
    listener.onProgress(progress);
    return progress;
  }

  Progress running(Double rowsPerSecond, Long batchMillis) {
    return new Progress(command, ProgressState.RUNNING, rowsDone, rowsTotal, rowsPerSecond, batchMillis,
        elapsedMillis(), command.attempt(), null, checksum);
  }

  void reportRetrying(int attempt, String error) {
    listener.onProgress(new Progress(command, ProgressState.RETRYING, rowsDone, rowsTotal, null, null,
        elapsedMillis(), attempt, error, checksum));
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

  String runtimeRole() {
    return pools.cluster(tenant.cluster()).runtimeUsername();
  }

  Map<String, Object> parameters() {
    return Map.of("tenant_id", tenant.tenantId(), "phase", command.phase().name());
  }
}
