package dev.tenantwave.catalog;

import static dev.tenantwave.catalog.CatalogApp.tenantJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TenantApiIT {

  static CatalogApp app;

  @BeforeAll
  static void start() {
    app = CatalogApp.start(Map.of());
    app.seedTopology();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void shouldCreateReadAndReplaceWithOptimisticConcurrency() {
    HttpResponse<String> created = app.call("operator", "POST", "/api/v1/tenants",
        tenantJson("acme-eu", "eu-west", "eu-west-1", "pg-eu-west-a"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
    assertThat(created.body()).contains("\"jurisdiction\":\"EU\"", "\"version\":1");

    HttpResponse<String> read = app.call("viewer", "GET", "/api/v1/tenants/acme-eu", null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).contains("\"salesforce-sync\"", "\"new-pipeline\":true");

    String changed = tenantJson("acme-eu", "eu-west", "eu-west-2", "pg-eu-west-a");
    HttpResponse<String> updated = app.call("operator", "PUT", "/api/v1/tenants/acme-eu", changed,
        Map.of("If-Match", "\"1\""));
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(updated.headers().firstValue("ETag")).hasValue("\"2\"");

    HttpResponse<String> stale = app.call("operator", "PUT", "/api/v1/tenants/acme-eu", changed,
        Map.of("If-Match", "\"1\""));
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(stale.body()).contains("is at version 2");
    HttpResponse<String> staleBody = app.call("operator", "PUT", "/api/v1/tenants/acme-eu",
        changed.replace("\"owner\":\"team-dach\"", "\"owner\":\"team-dach\",\"version\":1"));
    assertThat(staleBody.statusCode()).isEqualTo(409);

    HttpResponse<String> route = app.call("viewer", "GET", "/api/v1/routes/acme-eu", null);
    assertThat(route.body()).contains("\"cell\":\"eu-west-2\"", "\"cluster\":\"pg-eu-west-a\"",
        "\"schema\":\"t_acme_eu\"", "\"tenancy\":\"SCHEMA\"");

    HttpResponse<String> audit = app.call("viewer", "GET", "/api/v1/audit?entityId=acme-eu", null);
    assertThat(audit.body()).contains("\"actor\":\"otto (operator)\"", "\"action\":\"CREATE\"",
        "\"action\":\"UPDATE\"");
  }

  @Test
  void shouldRefuseResidencyBreachesNamingTenantJurisdictionAndTarget() {
    String before = app.dump();
    HttpResponse<String> response = app.call("admin", "POST", "/api/v1/tenants",
        tenantJson("globex-eu", "eu-west", "us-east-1", "pg-eu-west-a"));
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("residency-violation", "globex-eu", "EU", "us-east-1");
    assertThat(app.dump()).isEqualTo(before);
  }

  @Test
  void shouldChangeJurisdictionOnlyThroughTheAdminOperationWithAReason() {
    app.call("operator", "POST", "/api/v1/tenants", tenantJson("initech", "eu-west", "eu-west-1", "pg-eu-west-a"));
    HttpResponse<String> viaPut = app.call("admin", "PUT", "/api/v1/tenants/initech",
        tenantJson("initech", "us-east", "us-east-1", "pg-us-east-a"));
    assertThat(viaPut.statusCode()).isEqualTo(422);
    assertThat(viaPut.body()).contains("residency-change");

    String change = "{\"region\":\"us-east\",\"cell\":\"us-east-1\",\"cluster\":\"pg-us-east-a\","
        + "\"schema\":\"t_initech\",\"reason\":\"customer moved HQ to Boston, contract 4711\"}";
    assertThat(app.call("operator", "POST", "/api/v1/tenants/initech/residency-change", change).statusCode())
        .isEqualTo(403);
    HttpResponse<String> moved = app.call("admin", "POST", "/api/v1/tenants/initech/residency-change", change);
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    assertThat(moved.body()).contains("\"jurisdiction\":\"US\"");
    assertThat(app.call("viewer", "GET", "/api/v1/audit?entityId=initech&action=RESIDENCY_CHANGE", null).body())
        .contains("contract 4711", "ada (admin)");
  }

  @Test
  void shouldFilterAndPageWithCursors() {
    for (int i = 0; i < 7; i++) {
      app.call("operator", "POST", "/api/v1/tenants",
          tenantJson("page-" + i, "eu-central", "eu-central-1", "pg-eu-central-a"));
    }
    HttpResponse<String> first = app.call("viewer", "GET", "/api/v1/tenants?region=eu-central&limit=3", null);
    assertThat(first.body()).contains("page-0", "page-2").doesNotContain("page-3").contains("nextCursor");
    String cursor = first.body().replaceAll(".*\"nextCursor\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> second = app.call("viewer", "GET",
        "/api/v1/tenants?region=eu-central&limit=3&cursor=" + cursor, null);
    assertThat(second.body()).contains("page-3", "page-5").doesNotContain("page-2\"");
    assertThat(app.call("viewer", "GET", "/api/v1/tenants?flag=new-pipeline&cell=eu-central-1&tier=SMB", null)
        .body()).contains("page-6");
    assertThat(app.call("viewer", "GET", "/api/v1/tenants?flag=new-pipeline:false", null).body())
        .doesNotContain("page-");
    assertThat(app.call("viewer", "GET", "/api/v1/tenants?tier=GOLD", null).statusCode()).isEqualTo(400);
  }

  @Test
  void shouldImportAllRowsOrNoneReportingEveryRefusedRow() {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      rows.append(i == 0 ? "" : ",").append(tenantJson("bulk-" + i, "eu-west", i == 7 ? "us-east-1" : "eu-west-1",
          "pg-eu-west-a").replace(i == 12 ? "\"SMB\"" : "\"nothing\"", "\"GOLD\""));
    }
    String before = app.dump();
    HttpResponse<String> refused = app.call("operator", "POST", "/api/v1/tenant-imports",
        "{\"tenants\":[" + rows + "]}");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("\"row\":7", "\"row\":12", "GOLD", "2 of 20 rows were refused");
    assertThat(app.dump()).isEqualTo(before);

    HttpResponse<String> imported = app.call("operator", "POST", "/api/v1/tenant-imports",
        "{\"tenants\":[" + rows.toString().replace("us-east-1", "eu-west-1").replace("GOLD", "SMB") + "]}");
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(imported.body()).contains("\"created\":20");
  }

  @Test
  void shouldRefuseWrongJsonTypesInsteadOfConvertingThem() {
    String valid = tenantJson("typed", "eu-west", "eu-west-1", "pg-eu-west-a");
    String before = app.dump();
    Map<String, String> wrong = Map.of(
        "a number for a string", valid.replace("\"database\":\"crm\"", "\"database\":5"),
        "a boolean for a string", valid.replace("\"owner\":\"team-dach\"", "\"owner\":true"),
        "an array for a string", valid.replace("\"database\":\"crm\"", "\"database\":[\"crm\"]"),
        "a number in a list of strings", valid.replace("[\"SAT\",\"SUN\"]", "[\"SAT\",7]"),
        "a string for a boolean", valid.replace("\"new-pipeline\":true", "\"new-pipeline\":\"yes\""),
        "a number for a boolean", valid.replace("\"new-pipeline\":true", "\"new-pipeline\":1"),
        "a string for a number", valid.replace("\"owner\":\"team-dach\"", "\"owner\":\"team-dach\",\"version\":\"1\""),
        "a fraction for a whole number",
        valid.replace("\"owner\":\"team-dach\"", "\"owner\":\"team-dach\",\"version\":0.5"));
    wrong.forEach((what, body) -> {
      HttpResponse<String> response = app.call("operator", "POST", "/api/v1/tenants", body);
      assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(400);
      assertThat(response.body()).as(what).contains("expected");
      HttpResponse<String> imported = app.call("operator", "POST", "/api/v1/tenant-imports",
          "{\"tenants\":[" + body + "]}");
      assertThat(imported.statusCode()).as("import with " + what + ": " + imported.body()).isEqualTo(400);
    });
    HttpResponse<String> database = app.call("operator", "POST", "/api/v1/tenants", wrong.get("a number for a string"));
    assertThat(database.body()).contains("invalid-request", "database: expected a JSON string, not 5 (a number)");
    HttpResponse<String> flag = app.call("operator", "POST", "/api/v1/tenants", wrong.get("a string for a boolean"));
    assertThat(flag.body()).contains("expected true or false, not a string");
    HttpResponse<String> region = app.call("admin", "PUT", "/api/v1/regions/typed", "{\"jurisdiction\":5}");
    assertThat(region.statusCode()).as(region.body()).isEqualTo(400);
    assertThat(app.dump()).isEqualTo(before);
  }

  @Test
  void shouldRefuseALoneSurrogateInsteadOfStoringAQuestionMark() throws Exception {
    String before = app.dump();
    String escaped = tenantJson("lonely", "eu-west", "eu-west-1", "pg-eu-west-a")
        .replace("\"Tenant lonely\"", "\"Tenant \\ud800 lonely\"");
    HttpResponse<String> response = app.call("operator", "POST", "/api/v1/tenants", escaped);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("surrogate");
    HttpResponse<String> lowAlone = app.call("operator", "POST", "/api/v1/tenants",
        escaped.replace("\\ud800", "\\udc00"));
    assertThat(lowAlone.statusCode()).as(lowAlone.body()).isEqualTo(400);
    assertThat(app.dump()).isEqualTo(before);

    HttpResponse<String> pair = app.call("operator", "POST", "/api/v1/tenants",
        escaped.replace("\\ud800", "\\ud83d\\ude80"));
    assertThat(pair.statusCode()).as("a surrogate pair is one character: " + pair.body()).isEqualTo(201);
    try (var connection = app.db(); var statement = connection.createStatement();
         var rs = statement.executeQuery("SELECT display_name FROM tenants WHERE id = 'lonely'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("Tenant \uD83D\uDE80 lonely");
    }
  }

  @Test
  void shouldDeleteWithIfMatch() {
    app.call("operator", "POST", "/api/v1/tenants", tenantJson("gone-soon", "eu-west", "eu-west-1", "pg-eu-west-a"));
    assertThat(app.call("operator", "DELETE", "/api/v1/tenants/gone-soon", null, Map.of("If-Match", "\"5\""))
        .statusCode()).isEqualTo(412);
    assertThat(app.call("operator", "DELETE", "/api/v1/tenants/gone-soon", null, Map.of("If-Match", "\"1\""))
        .statusCode()).isEqualTo(204);
    assertThat(app.call("viewer", "GET", "/api/v1/tenants/gone-soon", null).statusCode()).isEqualTo(404);
  }
}
