package dev.tenantwave.rollout.console;

import dev.tenantwave.rollout.plan.PlanParse;
import dev.tenantwave.rollout.plan.PlanParser;
import dev.tenantwave.rollout.plan.ReleasePlan;
import dev.tenantwave.rollout.tenant.RolloutStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads a release's tenants in columns, and its plan, for the console; plain queries, no lock. */
public final class ConsoleQueries {

  private final DataSource dataSource;

  public ConsoleQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The release's tenants ordered by region, wave, step and id, with the dictionaries their indexes point into. */
  public record Columns(List<String> regions, List<String> tiers, ConsoleViews.TenantColumns tenants) {}

  public Columns tenants(String releaseId) throws SQLException {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT t.tenant_id, t.region, t.wave, s.step, t.tier, t.status, "
             + "t.failed FROM release_tenants t JOIN release_stages s ON s.release_id = t.release_id "
             + "AND s.region = t.region AND s.stage = t.stage WHERE t.release_id = ? "
             + "ORDER BY t.region, t.wave, s.step, t.tenant_id")) {
      ps.setString(1, releaseId);
      ps.setFetchSize(2_000);
      List<String> ids = new ArrayList<>();
      Map<String, Integer> regions = new LinkedHashMap<>();
      Map<String, Integer> tiers = new LinkedHashMap<>();
      IntColumn region = new IntColumn();
      IntColumn wave = new IntColumn();
      IntColumn step = new IntColumn();
      IntColumn tier = new IntColumn();
      IntColumn state = new IntColumn();
      List<Boolean> failed = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
          region.add(regions.computeIfAbsent(rs.getString(2), k -> regions.size()));
          wave.add(rs.getInt(3));
          step.add(rs.getInt(4));
          tier.add(tiers.computeIfAbsent(rs.getString(5), k -> tiers.size()));
          state.add(GridState.of(RolloutStatus.valueOf(rs.getString(6))).ordinal());
          failed.add(rs.getBoolean(7));
        }
      }
      boolean[] failedArray = new boolean[failed.size()];
      for (int i = 0; i < failedArray.length; i++) {
        failedArray[i] = failed.get(i);
      }
      return new Columns(List.copyOf(regions.keySet()), List.copyOf(tiers.keySet()),
          new ConsoleViews.TenantColumns(ids, region.toArray(), wave.toArray(), step.toArray(), tier.toArray(),
              state.toArray(), failedArray));
    }
  }

  public Optional<ReleasePlan> plan(String releaseId) throws SQLException {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT plan_document FROM releases WHERE id = ?")) {
      ps.setString(1, releaseId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return PlanParser.parse(rs.getString(1)) instanceof PlanParse.Valid valid ? Optional.of(valid.plan())
            : Optional.empty();
      }
    }
  }

  private static final class IntColumn {
    private int[] values = new int[256];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }
}
