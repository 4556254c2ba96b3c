package dev.tenantwave.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No tenant is placed in another tenant's schema or database, nor in PostgreSQL's own or a Tenantwave service's
 * database: on create, update, move, import and residency change, and when two requests race for the same placement.
 */
class PlacementIT {

  static CatalogApp app;

  @BeforeAll
  static void start() {
    app = CatalogApp.start(Map.of("tenantwave.placement.reserved-databases", "tw_catalog,tw_rollout,tw_migration,ops"));
    app.seedTopology();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static String tenant(String id, String tenancy, String database, String schema) {
    return """
        {"id":"%s","displayName":"Tenant %s","tier":"SMB","track":"GENERAL","region":"eu-west","cell":"eu-west-1",
         "tenancy":"%s","cluster":"pg-eu-west-a","database":"%s",%s"owner":"team-dach"}"""
        .formatted(id, id, tenancy, database, schema == null ? "" : "\"schema\":\"" + schema + "\",");
  }

  private static HttpResponse<String> create(String json) {
    return app.call("operator", "POST", "/api/v1/tenants", json);
  }

  private static void created(String json) {
    HttpResponse<String> response = create(json);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private static void assertRefused(HttpResponse<String> response, String field, String... mentions) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    assertThat(response.body()).contains("\"field\":\"" + field + "\"");
    for (String mention : mentions) {
      assertThat(response.body()).contains(mention);
    }
  }

  @Test
  void shouldRefuseASchemaTenantInAnotherTenantsSchemaOnEveryWrite() {
    created(tenant("mig-1", "SCHEMA", "crm", "t_mig_1"));
    created(tenant("mover", "SCHEMA", "crm", "t_mover"));
    String before = app.dump();

    assertRefused(create(tenant("impostor", "SCHEMA", "crm", "t_mig_1")), "schema", "placement-refused", "mig-1",
        "t_mig_1");
    assertRefused(app.call("operator", "PUT", "/api/v1/tenants/mover", tenant("mover", "SCHEMA", "crm", "t_mig_1")),
        "schema", "mig-1");
    assertRefused(app.call("operator", "POST", "/api/v1/tenants/mover/move",
        "{\"cell\":\"eu-west-2\",\"cluster\":\"pg-eu-west-a\",\"schema\":\"t_mig_1\"}"), "schema", "mig-1");
    assertRefused(app.call("admin", "POST", "/api/v1/tenants/mover/residency-change",
        "{\"region\":\"eu-west\",\"cell\":\"eu-west-1\",\"cluster\":\"pg-eu-west-a\",\"schema\":\"t_mig_1\","
            + "\"reason\":\"test\"}"), "schema", "mig-1");
    HttpResponse<String> imported = app.call("operator", "POST", "/api/v1/tenant-imports", "{\"tenants\":["
        + tenant("fine", "SCHEMA", "crm", "t_fine") + "," + tenant("impostor", "SCHEMA", "crm", "t_mig_1") + "]}");
    assertRefused(imported, "schema", "import-refused", "\"row\":1", "mig-1");
    assertThat(imported.body()).doesNotContain("\"row\":0");

    assertThat(app.dump()).isEqualTo(before);
  }

  @Test
  void shouldKeepADatabaseTenantsDatabaseToItselfAndOutOfSharedOnes() {
    created(tenant("dedicated", "DATABASE", "crm_dedicated", null));
    created(tenant("shared-1", "SCHEMA", "crm_shared", "t_shared_1"));
    created(tenant("pooled-1", "POOLED", "crm_shared", null));
    String before = app.dump();

    assertRefused(create(tenant("pooled-in", "POOLED", "crm_dedicated", null)), "database", "dedicated");
    assertRefused(create(tenant("schema-in", "SCHEMA", "crm_dedicated", "t_in")), "database", "dedicated");
    assertRefused(create(tenant("second", "DATABASE", "crm_dedicated", null)), "database", "dedicated");
    assertRefused(create(tenant("greedy", "DATABASE", "crm_shared", null)), "database", "crm_shared");
    assertThat(app.dump()).isEqualTo(before);

    created(tenant("pooled-2", "POOLED", "crm_shared", null));
    created(tenant("dedicated-2", "DATABASE", "crm_dedicated_2", null));
  }

  @Test
  void shouldRefusePostgresqlsOwnNamesAndTheServicesDatabases() {
    String before = app.dump();
    assertRefused(create(tenant("sys-1", "SCHEMA", "crm", "pg_catalog")), "schema", "PostgreSQL's own");
    assertRefused(create(tenant("sys-2", "SCHEMA", "crm", "pg_toast")), "schema");
    assertRefused(create(tenant("sys-3", "SCHEMA", "crm", "information_schema")), "schema");
    assertRefused(create(tenant("sys-4", "SCHEMA", "crm", "public")), "schema", "POOLED");
    for (String database : List.of("postgres", "template0", "template1", "pg_anything")) {
      assertRefused(create(tenant("sys-db", "POOLED", database, null)), "database", database);
    }
    for (String database : List.of("tw_catalog", "tw_rollout", "tw_migration", "ops")) {
      assertRefused(create(tenant("svc-db", "SCHEMA", database, "t_svc")), "database", database, "Tenantwave");
    }
    assertThat(app.dump()).isEqualTo(before);
  }

  @Test
  void shouldRefuseNamesTheMigrationWorkerCannotUse() {
    String before = app.dump();
    assertRefused(create(tenant("T-Mixed.Case", "POOLED", "crm", null)), "id");
    assertRefused(create(tenant("mixed", "POOLED", "T-Mixed.Case", null)), "database", "[a-z_][a-z0-9_]{0,62}");
    assertRefused(create(tenant("mixed", "SCHEMA", "crm", "Tenant.Schema")), "schema");
    assertRefused(create(tenant("mixed", "POOLED", "crm-db", null)), "database");
    assertThat(app.dump()).isEqualTo(before);
  }

  @Test
  void shouldJudgeAnImportByWhereItsTenantsEndUp() {
    created(tenant("swap-a", "SCHEMA", "crm", "t_swap_1"));
    created(tenant("swap-b", "SCHEMA", "crm", "t_swap_2"));

    HttpResponse<String> twins = app.call("operator", "POST", "/api/v1/tenant-imports", "{\"tenants\":["
        + tenant("twin-1", "SCHEMA", "crm", "t_twin") + "," + tenant("twin-2", "SCHEMA", "crm", "t_twin") + "]}");
    assertRefused(twins, "schema", "\"row\":0", "\"row\":1", "twin-1", "twin-2");

    HttpResponse<String> swapped = app.call("operator", "POST", "/api/v1/tenant-imports", "{\"tenants\":["
        + tenant("swap-a", "SCHEMA", "crm", "t_swap_2") + "," + tenant("swap-b", "SCHEMA", "crm", "t_swap_1") + "]}");
    assertThat(swapped.statusCode()).as(swapped.body()).isEqualTo(200);
  }

  @Test
  void shouldLetOneOfConcurrentCreatesOfTheSamePlacementWin() throws Exception {
    int contenders = 6;
    ExecutorService pool = Executors.newFixedThreadPool(contenders);
    try {
      for (int round = 0; round < 5; round++) {
        String schema = "t_race_" + round;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
          String json = tenant("race-" + round + "-" + i, "SCHEMA", "crm", schema);
          responses.add(CompletableFuture.supplyAsync(() -> {
            try {
              go.await();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
            return create(json);
          }, pool));
        }
        go.countDown();
        List<Integer> statuses = responses.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        assertThat(statuses).as("round " + round + ": " + statuses).containsOnlyOnce(201)
            .containsOnly(201, 422);
        String prefix = "race-" + round + "-";
        assertThat(app.dump().lines().filter(line -> line.contains(prefix)).count()).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
