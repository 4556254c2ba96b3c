package dev.tenantwave.migration;

import static dev.tenantwave.migration.testing.CrmFleet.DEAL_STAGES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.migration.audit.Finding;
import dev.tenantwave.migration.audit.IsolationAudit;
import dev.tenantwave.migration.run.ProgressState;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import dev.tenantwave.migration.testing.CrmFleet;
import dev.tenantwave.migration.testing.Pg;
import dev.tenantwave.migration.testing.WorkerHarness;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POOLED isolation is what PostgreSQL enforces: row-level security binds the backfill to one tenant. */
class IsolationIT {

  @Test
  void shouldLeaveEveryOtherTenantUntouchedWhileOneIsBackfilled() throws Exception {
    List<TenantPlacement> tenants = CrmFleet.pooled(Pg.uniqueId("iso"), "iso", 10, 300);
    TenantPlacement tenantA = tenants.get(0);
    try (WorkerHarness harness = WorkerHarness.standard(tenants)) {
      assertThat(harness.runAll(tenants, DEAL_STAGES, Phase.EXPAND))
          .allSatisfy(p -> assertThat(p.state()).isEqualTo(ProgressState.SUCCEEDED));
      Map<String, String> before = checksums(tenants.subList(1, tenants.size()));

      assertThat(harness.run(tenantA, DEAL_STAGES, Phase.MIGRATE).state()).isEqualTo(ProgressState.SUCCEEDED);

      assertThat(checksums(tenants.subList(1, tenants.size()))).isEqualTo(before);
      assertThat(CrmFleet.scalar(tenantA, "SELECT count(*) FROM deals WHERE tenant_id = :tenant AND stage_id IS NOT NULL"))
          .isEqualTo(300);
    }
  }

  @Test
  void shouldConfineAMigrateScriptWithoutTenantFilterToTheTenantBeingMigrated() throws Exception {
    List<TenantPlacement> tenants = CrmFleet.pooled(Pg.uniqueId("wrong"), "wrong", 5, 200);
    TenantPlacement tenantA = tenants.get(0);
    Map<String, String> before = checksums(tenants.subList(1, tenants.size()));
    try (WorkerHarness harness = WorkerHarness.standard(tenants)) {
      assertThat(harness.run(tenantA, "test-no-tenant-filter", Phase.EXPAND).state()).isEqualTo(ProgressState.SUCCEEDED);
      assertThat(harness.run(tenantA, "test-no-tenant-filter", Phase.MIGRATE).state())
          .isEqualTo(ProgressState.SUCCEEDED);
    }
    assertThat(checksums(tenants.subList(1, tenants.size()))).as("other tenants' rows").isEqualTo(before);
    assertThat(CrmFleet.scalar(tenantA, "SELECT count(*) FROM deals WHERE tenant_id = :tenant AND name LIKE '%(touched)'"))
        .isEqualTo(200);
  }

  @Test
  void runtimeRoleSeesOnlyTheTenantOfItsTransaction() throws Exception {
    List<TenantPlacement> tenants = CrmFleet.pooled(Pg.uniqueId("rls"), "rls", 3, 50);
    try (Connection runtime = DriverManager.getConnection(Pg.jdbcUrl(tenants.get(0).database()),
        CrmFleet.RUNTIME_ROLE, CrmFleet.runtimePassword()); Statement statement = runtime.createStatement()) {
      runtime.setAutoCommit(false);
      statement.execute("SELECT set_config('app.tenant_id', '" + tenants.get(1).tenantId() + "', true)");
      try (ResultSet rs = statement.executeQuery("SELECT count(*), count(DISTINCT tenant_id), min(tenant_id) FROM deals")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(50);
        assertThat(rs.getString(3)).isEqualTo(tenants.get(1).tenantId());
      }
      runtime.rollback();
      try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM deals")) {
        rs.next();
        assertThat(rs.getLong(1)).as("no tenant set, no rows").isZero();
      }
    }
  }

  @Test
  void auditShouldFlagTenantTablesWithoutForcedRlsAndRolesThatBypassIt() throws Exception {
    String database = Pg.uniqueId("audit");
    List<TenantPlacement> tenants = CrmFleet.pooled(database, "aud", 2, 10);
    try (Connection connection = Pg.connect(database); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE notes (tenant_id text NOT NULL, body text)");
      statement.execute("ALTER TABLE notes ENABLE ROW LEVEL SECURITY");
      statement.execute("CREATE POLICY tenant_isolation ON notes USING (tenant_id = current_setting('app.tenant_id', true))");
      statement.execute("CREATE TABLE attachments (tenant_id text NOT NULL, url text)");
      statement.execute("CREATE TABLE countries (code text PRIMARY KEY)");
    }
    try (WorkerHarness harness = WorkerHarness.standard(tenants)) {
      List<Finding> findings = IsolationAudit.audit(harness.pools.owner(CrmFleet.CLUSTER, database), "tenant_id");
      assertThat(findings).extracting(Finding::kind, Finding::object).contains(
          org.assertj.core.groups.Tuple.tuple(Finding.Kind.RLS_NOT_FORCED, "public.notes"),
          org.assertj.core.groups.Tuple.tuple(Finding.Kind.RLS_DISABLED, "public.attachments"),
          org.assertj.core.groups.Tuple.tuple(Finding.Kind.NO_POLICY, "public.attachments"),
          org.assertj.core.groups.Tuple.tuple(Finding.Kind.ROLE_BYPASSES_RLS, Pg.user()));
      assertThat(findings).extracting(Finding::object)
          .doesNotContain("public.deals", "public.countries", CrmFleet.RUNTIME_ROLE);
    }
  }

  @Test
  void auditShouldReportOnlyTheRealFindingInADatabaseOfPooledAndSchemaTenants() throws Exception {
    String database = Pg.uniqueId("mixed");
    List<TenantPlacement> pooled = CrmFleet.pooled(database, "mixp", 3, 5);
    List<TenantPlacement> schemas = CrmFleet.schemas(database, "mixs", 4, 5);
    TenantPlacement olderWorkers = schemas.get(3);
    try (Connection connection = Pg.connect(database); Statement statement = connection.createStatement()) {
      // the history table as workers before this one created it: a tenant column without row-level security
      statement.execute("CREATE TABLE " + olderWorkers.schema() + ".tenantwave_migration_history ("
          + " tenant_id text NOT NULL, migration_set text NOT NULL, phase text NOT NULL, checksum text NOT NULL,"
          + " state text NOT NULL, cursor_key bigint, rows_done bigint NOT NULL DEFAULT 0, rows_total bigint,"
          + " attempts int NOT NULL DEFAULT 0, started_at timestamptz NOT NULL DEFAULT now(),"
          + " updated_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz, error text,"
          + " PRIMARY KEY (tenant_id, migration_set, phase))");
      // the one real finding: a shared table whose row-level security the table owner bypasses
      statement.execute("CREATE TABLE notes (tenant_id text NOT NULL, body text)");
      statement.execute("ALTER TABLE notes ENABLE ROW LEVEL SECURITY");
      statement.execute("CREATE POLICY tenant_isolation ON notes USING (tenant_id = current_setting('app.tenant_id', true))");
    }
    List<TenantPlacement> fleet = new java.util.ArrayList<>(pooled);
    fleet.addAll(schemas);
    try (WorkerHarness harness = WorkerHarness.standard(fleet)) {
      assertThat(harness.runAll(fleet, DEAL_STAGES, Phase.EXPAND))
          .allSatisfy(p -> assertThat(p.state()).as(p.error()).isEqualTo(ProgressState.SUCCEEDED));
      assertThat(CrmFleet.scalar(olderWorkers, "SELECT count(*) FROM tenantwave_migration_history")).isOne();

      List<Finding> findings = IsolationAudit.audit(harness.pools.owner(CrmFleet.CLUSTER, database), "tenant_id");

      assertThat(findings).filteredOn(f -> f.kind() != Finding.Kind.ROLE_BYPASSES_RLS).as("table findings")
          .extracting(Finding::kind, Finding::object)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(Finding.Kind.RLS_NOT_FORCED, "public.notes"));
      assertThat(findings).filteredOn(f -> f.kind() == Finding.Kind.ROLE_BYPASSES_RLS).as("the server's logins that"
          + " bypass row-level security, which the audit names in every database").extracting(Finding::object)
          .contains(Pg.user()).doesNotContain(CrmFleet.RUNTIME_ROLE);
    }
  }

  private static Map<String, String> checksums(List<TenantPlacement> tenants) throws SQLException {
    Map<String, String> sums = new LinkedHashMap<>();
    for (TenantPlacement tenant : tenants) {
      sums.put(tenant.tenantId(), CrmFleet.checksum(tenant, "deals"));
    }
    return sums;
  }
}
