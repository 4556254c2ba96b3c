package dev.tenantwave.rollout.jdbc;

import dev.tenantwave.messaging.AuditEntry;
import dev.tenantwave.messaging.AuditLog;
import dev.tenantwave.messaging.Outbox;
import dev.tenantwave.messaging.OutboxMessage;
import dev.tenantwave.rollout.kafka.ReleaseEvents;
import dev.tenantwave.rollout.plan.ReleasePlan;
import dev.tenantwave.rollout.plan.Tenancy;
import dev.tenantwave.rollout.plan.Tier;
import dev.tenantwave.rollout.release.RegionProgress;
import dev.tenantwave.rollout.release.RegionState;
import dev.tenantwave.rollout.release.Release;
import dev.tenantwave.rollout.release.ReleaseState;
import dev.tenantwave.rollout.release.ReleaseStore;
import dev.tenantwave.rollout.release.Stage;
import dev.tenantwave.rollout.release.Tally;
import dev.tenantwave.rollout.tenant.AnnouncedState;
import dev.tenantwave.rollout.tenant.Effect;
import dev.tenantwave.rollout.tenant.Failure;
import dev.tenantwave.rollout.tenant.MigrationStep;
import dev.tenantwave.rollout.tenant.RolloutStatus;
import dev.tenantwave.rollout.tenant.TenantRollout;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@link ReleaseStore} on one PostgreSQL transaction. Effects are buffered and written to the outbox (and wake-ups
 * scheduled) by {@link #flush()}, which the transaction runs before it commits.
 */
public final class JdbcReleaseStore implements ReleaseStore {

  private static final String TENANT_COLUMNS = "tenant_id, region, stage, wave, tier, tenancy, status, awaiting, "
      + "attempt, switched, expand_sent, migrate_sent, gate_passed, failed, failure_kind, failure_gate, "
      + "failure_observed, failure_threshold, failure_baseline, failure_reason, failure_at, state_version";

  private static final Logger LOG = LoggerFactory.getLogger(JdbcReleaseStore.class);
  private static final AuditLog AUDIT = new AuditLog();

  private final Connection connection;
  private final Function<String, ReleasePlan> plans;
  private final Outbox outbox;
  private final EventSequence sequence;
  private final Clock clock;
  private final Duration commandTimeout;
  private final List<OutboxMessage> messages = new ArrayList<>();
  private final List<Wakeup> wakeups = new ArrayList<>();

  public JdbcReleaseStore(Connection connection, Function<String, ReleasePlan> plans, Outbox outbox,
      EventSequence sequence, Clock clock, Duration commandTimeout) {
    this.connection = connection;
    this.plans = plans;
    this.outbox = outbox;
    this.sequence = sequence;
    this.clock = clock;
    this.commandTimeout = commandTimeout;
  }

  @Override
  public Optional<Release> lock(String releaseId) {
    return query("SELECT id, plan_document, state, state_reason, approved_by, approved_at, version FROM releases "
        + "WHERE id = ? FOR UPDATE", ps -> ps.setString(1, releaseId), rs -> {
          if (!rs.next()) {
            return Optional.<Release>empty();
          }
          ReleasePlan plan = plans.apply(rs.getString(2));
          Timestamp approvedAt = rs.getTimestamp(6);
          return Optional.of(new Release(rs.getString(1), plan, ReleaseState.valueOf(rs.getString(3)),
              rs.getString(4), regions(releaseId), stages(releaseId), rs.getString(5),
              approvedAt == null ? null : approvedAt.toInstant(), rs.getLong(7)));
        });
  }

  private List<RegionProgress> regions(String releaseId) {
    return query("SELECT region, position, state, current_stage, paused_reason, accepted_wave, accepted_failures "
        + "FROM release_regions WHERE release_id = ? ORDER BY position", ps -> ps.setString(1, releaseId), rs -> {
          List<RegionProgress> regions = new ArrayList<>();
          while (rs.next()) {
            regions.add(new RegionProgress(rs.getString(1), rs.getInt(2), RegionState.valueOf(rs.getString(3)),
                rs.getInt(4), rs.getString(5), rs.getInt(6), rs.getInt(7)));
          }
          return List.copyOf(regions);
        });
  }

  private List<Stage> stages(String releaseId) {
    return query("SELECT region, stage, wave, wave_name, step, percent FROM release_stages WHERE release_id = ? "
        + "ORDER BY region, stage", ps -> ps.setString(1, releaseId), rs -> {
          List<Stage> stages = new ArrayList<>();
          while (rs.next()) {
            stages.add(new Stage(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getInt(5),
                rs.getInt(6)));
          }
          return List.copyOf(stages);
        });
  }

  @Override
  public void save(Release release) {
    execute("UPDATE releases SET state = ?, state_reason = ?, approved_by = ?, approved_at = ?, "
        + "version = version + 1, updated_at = now() WHERE id = ?", ps -> {
          ps.setString(1, release.state().name());
          ps.setString(2, release.stateReason());
          ps.setString(3, release.approvedBy());
          ps.setTimestamp(4, release.approvedAt() == null ? null : Timestamp.from(release.approvedAt()));
          ps.setString(5, release.id());
        });
    try (PreparedStatement ps = connection.prepareStatement("UPDATE release_regions SET state = ?, current_stage = ?, "
        + "paused_reason = ?, accepted_wave = ?, accepted_failures = ? WHERE release_id = ? AND region = ?")) {
      for (RegionProgress region : release.regions()) {
        ps.setString(1, region.state().name());
        ps.setInt(2, region.currentStage());
        ps.setString(3, region.pausedReason());
        ps.setInt(4, region.acceptedWave());
        ps.setInt(5, region.acceptedFailures());
        ps.setString(6, release.id());
        ps.setString(7, region.region());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  @Override
  public List<TenantRollout> tenants(String releaseId, Collection<String> tenantIds) {
    if (tenantIds.isEmpty()) {
      return List.of();
    }
    return query("SELECT " + TENANT_COLUMNS + " FROM release_tenants WHERE release_id = ? AND tenant_id = ANY (?)",
        ps -> {
          ps.setString(1, releaseId);
          ps.setArray(2, connection.createArrayOf("text", tenantIds.toArray()));
        }, JdbcReleaseStore::readTenants);
  }

  @Override
  public List<TenantRollout> tenantsOfStage(String releaseId, String region, int stage) {
    return query("SELECT " + TENANT_COLUMNS + " FROM release_tenants WHERE release_id = ? AND region = ? AND stage = ? "
        + "ORDER BY tenant_id", ps -> {
          ps.setString(1, releaseId);
          ps.setString(2, region);
          ps.setInt(3, stage);
        }, JdbcReleaseStore::readTenants);
  }

  @Override
  public List<TenantRollout> tenantsIn(String releaseId, Set<RolloutStatus> statuses) {
    return query("SELECT " + TENANT_COLUMNS + " FROM release_tenants WHERE release_id = ? AND status = ANY (?) "
        + "ORDER BY tenant_id", ps -> {
          ps.setString(1, releaseId);
          ps.setArray(2, connection.createArrayOf("text", statuses.stream().map(Enum::name).toArray()));
        }, JdbcReleaseStore::readTenants);
  }

  static List<TenantRollout> readTenants(ResultSet rs) throws SQLException {
    List<TenantRollout> tenants = new ArrayList<>();
    while (rs.next()) {
      String awaiting = rs.getString(8);
      String failureKind = rs.getString(15);
      Failure failure = failureKind == null ? null : new Failure(Failure.Kind.valueOf(failureKind), rs.getString(16),
          (Double) rs.getObject(17), (Double) rs.getObject(18), (Double) rs.getObject(19), rs.getString(20),
          rs.getTimestamp(21) == null ? null : rs.getTimestamp(21).toInstant());
      tenants.add(new TenantRollout(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
          Tier.valueOf(rs.getString(5)), Tenancy.valueOf(rs.getString(6)), RolloutStatus.valueOf(rs.getString(7)),
          awaiting == null ? null : MigrationStep.valueOf(awaiting), rs.getInt(9), rs.getBoolean(10),
          rs.getBoolean(11), rs.getBoolean(12), rs.getBoolean(13), rs.getBoolean(14), failure));
    }
    return tenants;
  }

  @Override
  public void update(String releaseId, Collection<TenantRollout> tenants) {
    try (PreparedStatement ps = connection.prepareStatement("UPDATE release_tenants SET status = ?, awaiting = ?, "
        + "attempt = ?, switched = ?, expand_sent = ?, migrate_sent = ?, gate_passed = ?, failed = ?, "
        + "failure_kind = ?, failure_gate = ?, failure_observed = ?, failure_threshold = ?, failure_baseline = ?, "
        + "failure_reason = ?, failure_at = ?, updated_at = now() WHERE release_id = ? AND tenant_id = ?")) {
      for (TenantRollout t : tenants) {
        ps.setString(1, t.status().name());
        ps.setString(2, t.awaiting() == null ? null : t.awaiting().name());
        ps.setInt(3, t.attempt());
        ps.setBoolean(4, t.switched());
        ps.setBoolean(5, t.expandSent());
        ps.setBoolean(6, t.migrateSent());
        ps.setBoolean(7, t.gatePassed());
        ps.setBoolean(8, t.failed());
        Failure f = t.failure();
        ps.setString(9, f == null ? null : f.kind().name());
        ps.setString(10, f == null ? null : f.gate());
        setDouble(ps, 11, f == null ? null : f.observed());
        setDouble(ps, 12, f == null ? null : f.threshold());
        setDouble(ps, 13, f == null ? null : f.baseline());
        ps.setString(14, f == null ? null : f.reason());
        ps.setTimestamp(15, f == null || f.at() == null ? null : Timestamp.from(f.at()));
        ps.setString(16, releaseId);
        ps.setString(17, t.tenantId());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, value);
    }
  }

  @Override
  public Tally tally(String releaseId) {
    return query("SELECT region, stage, wave, status, count(*), count(*) FILTER (WHERE failed) FROM release_tenants "
        + "WHERE release_id = ? GROUP BY region, stage, wave, status", ps -> ps.setString(1, releaseId), rs -> {
          Tally tally = new Tally();
          while (rs.next()) {
            tally.add(rs.getString(1), rs.getInt(2), rs.getInt(3), RolloutStatus.valueOf(rs.getString(4)),
                rs.getLong(5), rs.getLong(6));
          }
          return tally;
        });
  }

  @Override
  public void emit(Release release, TenantRollout tenant, Effect effect) {
    Instant now = clock.instant();
    if (effect instanceof Effect.SendCommand command) {
      messages.add(ReleaseEvents.command(release, tenant, command.step(), command.attempt(), sequence.next(), now));
      wakeups.add(new Wakeup(release.id(), tenant.tenantId(), Wakeup.Kind.COMMAND_TIMEOUT, command.step(),
          command.attempt(), now.plus(commandTimeout)));
    } else if (effect instanceof Effect.AnnounceState state) {
      messages.add(ReleaseEvents.tenantState(release, tenant, state, sequence.next(), now));
      if (!state.onNewVersion() || state.state() == AnnouncedState.FAILED) {
        try (MDC.MDCCloseable t = MDC.putCloseable("tenantId", tenant.tenantId());
             MDC.MDCCloseable r = MDC.putCloseable("releaseId", release.id())) {
          LOG.info("tenant {} {} {} on {}{}", tenant.tenantId(), state.phase(), state.state(),
              state.onNewVersion() ? release.plan().appVersion() : release.plan().previousAppVersion(),
              tenant.failure() == null ? "" : ": " + tenant.failure().reason());
        }
      }
    } else if (effect instanceof Effect.WakeAt wake && !wake.at().equals(Instant.MAX)) {
      wakeups.add(new Wakeup(release.id(), tenant.tenantId(), Wakeup.Kind.WINDOW_OPENS, null, 0, wake.at()));
    }
  }

  @Override
  public void stageStarted(Release release, Stage stage, List<String> tenantIds) {
    messages.add(ReleaseEvents.promotion(release, stage, tenantIds, sequence.next(), clock.instant()));
  }

  @Override
  public void statusChanged(Release release, Tally tally) {
    Release saved = new Release(release.id(), release.plan(), release.state(), release.stateReason(),
        release.regions(), release.stages(), release.approvedBy(), release.approvedAt(), release.version() + 1);
    messages.add(ReleaseEvents.status(saved, tally, clock.instant()));
  }

  @Override
  public void audit(String actor, String action, String releaseId, String tenantId, String reason) {
    try {
      AUDIT.record(connection, new AuditEntry(actor, action, "release", releaseId, reason,
          tenantId == null ? null : "{\"tenantId\": \"" + tenantId + "\"}"));
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** Writes the buffered events to the outbox and schedules the wake-ups; called before commit. */
  public void flush() throws SQLException {
    if (!messages.isEmpty()) {
      outbox.append(connection, List.copyOf(messages));
      messages.clear();
    }
    if (!wakeups.isEmpty()) {
      Wakeups.schedule(connection, wakeups);
      wakeups.clear();
    }
  }

  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> T query(String sql, Binder binder, Reader<T> reader) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return reader.read(rs);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  private void execute(String sql, Binder binder) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      binder.bind(ps);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }
}
