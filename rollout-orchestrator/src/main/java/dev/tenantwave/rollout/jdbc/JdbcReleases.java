package dev.tenantwave.rollout.jdbc;

import dev.tenantwave.rollout.plan.PlannedRegion;
import dev.tenantwave.rollout.plan.PlannedRelease;
import dev.tenantwave.rollout.plan.PlannedStep;
import dev.tenantwave.rollout.plan.PlannedTenant;
import dev.tenantwave.rollout.plan.PlannedWave;
import dev.tenantwave.rollout.release.RegionState;
import dev.tenantwave.rollout.release.ReleaseState;
import dev.tenantwave.rollout.tenant.RolloutStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Writes a planned release: the release, its regions, its stages and one row per tenant, in the caller's transaction. */
public final class JdbcReleases {

  private static final long CREATE_LOCK = 0x7477_6372_6561_7465L; // "twcreate"

  private JdbcReleases() {}

  /**
   * Tenants of the plan that are in another release still under way (not completed or aborted) and not rolled back
   * there, with that release: a tenant is switched by one release at a time. Creations are serialized by a
   * transaction-scoped advisory lock, so two plans racing for a tenant cannot both pass this check.
   */
  public static List<String> busyTenants(Connection connection, PlannedRelease planned) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      lock.setLong(1, CREATE_LOCK);
      lock.execute();
    }
    List<String> ids = new ArrayList<>();
    planned.regions().forEach(r -> r.waves().forEach(w -> w.steps().forEach(s -> s.tenants()
        .forEach(t -> ids.add(t.tenantId())))));
    try (PreparedStatement ps = connection.prepareStatement("SELECT t.tenant_id, t.release_id FROM release_tenants t "
        + "JOIN releases r ON r.id = t.release_id WHERE r.state NOT IN ('COMPLETED', 'ABORTED') "
        + "AND t.status <> 'ROLLED_BACK' AND t.tenant_id = ANY (?) ORDER BY t.tenant_id LIMIT 20")) {
      ps.setArray(1, connection.createArrayOf("text", ids.toArray()));
      List<String> busy = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          busy.add(rs.getString(1) + " (in " + rs.getString(2) + ")");
        }
      }
      return busy;
    }
  }

  /** False when a release with this id exists already (nothing is written). */
  public static boolean create(Connection connection, PlannedRelease planned, String document, String actor)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO releases (id, plan_document, app_version, "
        + "migration_set, state, created_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
      ps.setString(1, planned.plan().releaseId());
      ps.setString(2, document);
      ps.setString(3, planned.plan().appVersion());
      ps.setString(4, planned.plan().migrationSet());
      ps.setString(5, ReleaseState.DRAFT.name());
      ps.setString(6, actor);
      if (ps.executeUpdate() == 0) {
        return false;
      }
    }
    String releaseId = planned.plan().releaseId();
    List<Object[]> tenantRows = new ArrayList<>();
    try (PreparedStatement regions = connection.prepareStatement("INSERT INTO release_regions (release_id, region, "
        + "position, state, current_stage) VALUES (?, ?, ?, ?, -1)");
         PreparedStatement stages = connection.prepareStatement("INSERT INTO release_stages (release_id, region, stage, "
             + "wave, wave_name, step, percent) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (PlannedRegion region : planned.regions()) {
        regions.setString(1, releaseId);
        regions.setString(2, region.region());
        regions.setInt(3, region.position());
        regions.setString(4, RegionState.WAITING.name());
        regions.addBatch();
        int stage = 0;
        for (PlannedWave wave : region.waves()) {
          for (PlannedStep step : wave.steps()) {
            stages.setString(1, releaseId);
            stages.setString(2, region.region());
            stages.setInt(3, stage);
            stages.setInt(4, wave.index());
            stages.setString(5, wave.name());
            stages.setInt(6, step.index());
            stages.setInt(7, step.percent());
            stages.addBatch();
            for (PlannedTenant tenant : step.tenants()) {
              tenantRows.add(new Object[] {tenant.tenantId(), region.region(), stage, wave.index(),
                  tenant.tier().name(), tenant.tenancy().name()});
            }
            stage++;
          }
        }
      }
      regions.executeBatch();
      stages.executeBatch();
    }
    insertTenants(connection, releaseId, tenantRows);
    return true;
  }

  private static void insertTenants(Connection connection, String releaseId, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO release_tenants (release_id, tenant_id, "
        + "region, stage, wave, tier, tenancy, status) SELECT ?, t.tenant_id, t.region, t.stage, t.wave, t.tier, "
        + "t.tenancy, ? FROM unnest(?::text[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[]) "
        + "AS t (tenant_id, region, stage, wave, tier, tenancy)")) {
      ps.setString(1, releaseId);
      ps.setString(2, RolloutStatus.WAITING.name());
      for (int column = 0; column < 6; column++) {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
          values[i] = rows.get(i)[column];
        }
        ps.setArray(3 + column, connection.createArrayOf(column == 2 || column == 3 ? "integer" : "text", values));
      }
      ps.executeUpdate();
    }
  }

  public static boolean exists(Connection connection, String releaseId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM releases WHERE id = ?")) {
      ps.setString(1, releaseId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
