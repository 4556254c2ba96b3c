package dev.tenantwave.rollout.api;

import dev.tenantwave.rollout.api.ReleaseViews.FailureView;
import dev.tenantwave.rollout.api.ReleaseViews.RegionView;
import dev.tenantwave.rollout.api.ReleaseViews.ReleaseDetail;
import dev.tenantwave.rollout.api.ReleaseViews.ReleaseSummary;
import dev.tenantwave.rollout.api.ReleaseViews.StepView;
import dev.tenantwave.rollout.api.ReleaseViews.TenantView;
import dev.tenantwave.rollout.api.ReleaseViews.WaveView;
import dev.tenantwave.rollout.tenant.RolloutStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Reads releases for the API: plain queries, no lock, no state machine. */
public final class ReleaseQueries {

  private static final String TENANT_VIEW_COLUMNS = "t.tenant_id, t.region, t.wave, s.step, t.tier, t.tenancy, "
      + "t.status, t.awaiting, t.attempt, t.switched, t.failure_kind, t.failure_gate, t.failure_observed, "
      + "t.failure_threshold, t.failure_baseline, t.failure_reason, t.failure_at";

  private final DataSource dataSource;

  public ReleaseQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public List<ReleaseSummary> list() throws SQLException {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT r.id, r.app_version, r.migration_set, r.state, "
             + "r.state_reason, r.created_by, r.created_at, r.version, "
             + "(SELECT array_agg(region ORDER BY position) FROM release_regions g WHERE g.release_id = r.id) "
             + "FROM releases r ORDER BY r.created_at DESC LIMIT 200");
         ResultSet rs = ps.executeQuery()) {
      List<ReleaseSummary> releases = new ArrayList<>();
      while (rs.next()) {
        String id = rs.getString(1);
        java.sql.Array regions = rs.getArray(9);
        releases.add(new ReleaseSummary(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            regions == null ? List.of() : List.of((String[]) regions.getArray()), statusCounts(c, id),
            rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getLong(8)));
      }
      return releases;
    }
  }

  /** Who did what to the release and its tenants, oldest first. */
  public Optional<List<ReleaseViews.AuditView>> audit(String releaseId) throws SQLException {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT at, actor, action, detail ->> 'tenantId', reason FROM audit_log "
             + "WHERE subject_type = 'release' AND subject_id = ? ORDER BY id")) {
      if (!exists(c, releaseId)) {
        return Optional.empty();
      }
      ps.setString(1, releaseId);
      try (ResultSet rs = ps.executeQuery()) {
        List<ReleaseViews.AuditView> entries = new ArrayList<>();
        while (rs.next()) {
          entries.add(new ReleaseViews.AuditView(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
              rs.getString(4), rs.getString(5)));
        }
        return Optional.of(entries);
      }
    }
  }

  private static boolean exists(Connection c, String releaseId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM releases WHERE id = ?")) {
      ps.setString(1, releaseId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  public Optional<ReleaseDetail> detail(String releaseId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, app_version, plan_document, migration_set, state, "
          + "state_reason, approved_by, approved_at, version FROM releases WHERE id = ?")) {
        ps.setString(1, releaseId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          Timestamp approvedAt = rs.getTimestamp(8);
          return Optional.of(new ReleaseDetail(rs.getString(1), rs.getString(2), previousVersion(c, releaseId),
              rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
              approvedAt == null ? null : approvedAt.toInstant(), statusCounts(c, releaseId), regions(c, releaseId),
              tenants(c, releaseId, "AND (t.failed OR t.status IN ('FAILED', 'HELD'))", List.of()), rs.getLong(9)));
        }
      }
    }
  }

  private static String previousVersion(Connection c, String releaseId) throws SQLException {
    return dev.tenantwave.rollout.plan.PlanParser.parse(planDocument(c, releaseId)) instanceof
        dev.tenantwave.rollout.plan.PlanParse.Valid valid ? valid.plan().previousAppVersion() : "";
  }

  private static String planDocument(Connection c, String releaseId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT plan_document FROM releases WHERE id = ?")) {
      ps.setString(1, releaseId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /** The release's tenants, filtered by any of region, wave, status and tenant id. */
  public Optional<List<TenantView>> tenants(String releaseId, String region, Integer wave, String status,
      String tenantId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (!exists(c, releaseId)) {
        return Optional.empty();
      }
      StringBuilder where = new StringBuilder();
      List<Object> args = new ArrayList<>();
      if (region != null) {
        where.append(" AND t.region = ?");
        args.add(region);
      }
      if (wave != null) {
        where.append(" AND t.wave = ?");
        args.add(wave);
      }
      if (status != null) {
        where.append(" AND t.status = ?");
        args.add(status);
      }
      if (tenantId != null) {
        where.append(" AND t.tenant_id = ?");
        args.add(tenantId);
      }
      return Optional.of(tenants(c, releaseId, where.toString(), args));
    }
  }

  private static List<TenantView> tenants(Connection c, String releaseId, String where, List<Object> args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + TENANT_VIEW_COLUMNS + " FROM release_tenants t "
        + "JOIN release_stages s ON s.release_id = t.release_id AND s.region = t.region AND s.stage = t.stage "
        + "WHERE t.release_id = ? " + where + " ORDER BY t.region, t.stage, t.tenant_id")) {
      ps.setString(1, releaseId);
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(2 + i, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<TenantView> tenants = new ArrayList<>();
        while (rs.next()) {
          String kind = rs.getString(11);
          FailureView failure = kind == null ? null : new FailureView(kind, rs.getString(12),
              (Double) rs.getObject(13), (Double) rs.getObject(14), (Double) rs.getObject(15), rs.getString(16),
              rs.getTimestamp(17).toInstant());
          tenants.add(new TenantView(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
              rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getBoolean(10), failure));
        }
        return tenants;
      }
    }
  }

  private static Map<String, Long> statusCounts(Connection c, String releaseId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT status, count(*) FROM release_tenants WHERE release_id = ? GROUP BY status ORDER BY status")) {
      ps.setString(1, releaseId);
      try (ResultSet rs = ps.executeQuery()) {
        Map<String, Long> counts = new TreeMap<>();
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
        return counts;
      }
    }
  }

  private static List<RegionView> regions(Connection c, String releaseId) throws SQLException {
    Map<String, Map<Integer, Map<String, Long>>> counts = new LinkedHashMap<>();
    Map<String, Map<Integer, Long>> failedByWave = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT region, stage, wave, status, count(*), "
        + "count(*) FILTER (WHERE failed) FROM release_tenants WHERE release_id = ? GROUP BY 1, 2, 3, 4")) {
      ps.setString(1, releaseId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
              .computeIfAbsent(rs.getInt(2), k -> new TreeMap<>()).put(rs.getString(4), rs.getLong(5));
          failedByWave.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).merge(rs.getInt(3), rs.getLong(6), Long::sum);
        }
      }
    }
    List<RegionView> regions = new ArrayList<>();
    Map<String, int[]> currentWaveAndStep = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT g.region, g.state, g.paused_reason, g.current_stage, "
        + "s.stage, s.wave, s.wave_name, s.step, s.percent FROM release_regions g JOIN release_stages s "
        + "ON s.release_id = g.release_id AND s.region = g.region WHERE g.release_id = ? ORDER BY g.position, s.stage")) {
      ps.setString(1, releaseId);
      try (ResultSet rs = ps.executeQuery()) {
        String region = null;
        List<WaveView> waves = null;
        while (rs.next()) {
          if (!rs.getString(1).equals(region)) {
            region = rs.getString(1);
            waves = new ArrayList<>();
            regions.add(new RegionView(region, rs.getString(2), rs.getString(3), null, null, waves));
          }
          int stage = rs.getInt(5);
          int wave = rs.getInt(6);
          int current = rs.getInt(4);
          if (stage == current) {
            currentWaveAndStep.put(region, new int[] {wave, rs.getInt(8)});
          }
          if (waves.isEmpty() || waves.get(waves.size() - 1).index() != wave) {
            waves.add(new WaveView(wave, rs.getString(7),
                failedByWave.getOrDefault(region, Map.of()).getOrDefault(wave, 0L), new ArrayList<>()));
          }
          Map<String, Long> stepCounts = counts.getOrDefault(region, Map.of()).getOrDefault(stage, Map.of());
          long total = stepCounts.values().stream().mapToLong(Long::longValue).sum();
          String state = stage < current ? "COMPLETED" : stage > current ? "WAITING"
              : stepCounts.entrySet().stream().filter(e -> !RolloutStatus.valueOf(e.getKey()).isSettled())
                  .mapToLong(Map.Entry::getValue).sum() == 0 ? "COMPLETED" : "RUNNING";
          waves.get(waves.size() - 1).steps().add(new StepView(rs.getInt(8), rs.getInt(9), state, total, stepCounts));
        }
      }
    }
    return regions.stream().map(r -> {
      int[] current = currentWaveAndStep.get(r.region());
      return new RegionView(r.region(), r.state(), r.pausedReason(), current == null ? null : current[0],
          current == null ? null : current[1], r.waves());
    }).toList();
  }
}
