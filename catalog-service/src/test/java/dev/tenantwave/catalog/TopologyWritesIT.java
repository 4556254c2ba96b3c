package dev.tenantwave.catalog;

import static dev.tenantwave.catalog.CatalogApp.tenantJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Writes to regions, cells and clusters: optimistic concurrency, residency kept, hosts validated. */
class TopologyWritesIT {

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
  void shouldRefuseAStaleVersionOfARegionACellAndACluster() {
    assertStaleVersionRefused("/api/v1/regions/occ-region", "{\"jurisdiction\":\"EU\"%s}");
    assertStaleVersionRefused("/api/v1/cells/occ-cell", "{\"region\":\"eu-west\"%s}");
    assertStaleVersionRefused("/api/v1/clusters/occ-cluster",
        "{\"region\":\"eu-west\",\"tenancyModels\":[\"SCHEMA\"]%s}");
  }

  private static void assertStaleVersionRefused(String path, String body) {
    assertThat(put(path, body.formatted("")).statusCode()).isEqualTo(200);
    HttpResponse<String> current = put(path, body.formatted(",\"version\":1"));
    assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
    assertThat(current.body()).contains("\"version\":2");
    String before = app.dump();
    HttpResponse<String> stale = put(path, body.formatted(",\"version\":1"));
    assertThat(stale.statusCode()).as(path + ": " + stale.body()).isEqualTo(409);
    assertThat(stale.body()).contains("version-conflict", "is at version 2");
    assertThat(app.dump()).isEqualTo(before);
  }

  @Test
  void shouldRefuseMovingACellAwayFromTheRegionOfItsTenants() {
    assertThat(put("/api/v1/cells/move-cell", "{\"region\":\"eu-west\"}").statusCode()).isEqualTo(200);
    HttpResponse<String> tenant = app.call("operator", "POST", "/api/v1/tenants",
        tenantJson("cell-mover", "eu-west", "move-cell", "pg-eu-west-a"));
    assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(201);
    String before = app.dump();

    HttpResponse<String> moved = put("/api/v1/cells/move-cell", "{\"region\":\"eu-central\"}");

    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(422);
    assertThat(moved.body()).contains("residency-violation", "move-cell", "eu-west", "eu-central");
    assertThat(app.dump()).isEqualTo(before);
  }

  @Test
  void shouldAnswer422ForEveryResidencyRefusal() {
    assertThat(put("/api/v1/regions/relabel", "{\"jurisdiction\":\"EU\"}").statusCode()).isEqualTo(200);
    assertThat(put("/api/v1/cells/relabel-1", "{\"region\":\"relabel\"}").statusCode()).isEqualTo(200);

    HttpResponse<String> relabelled = put("/api/v1/regions/relabel", "{\"jurisdiction\":\"US\"}");

    assertThat(relabelled.statusCode()).as(relabelled.body()).isEqualTo(422);
    assertThat(relabelled.body()).contains("residency-violation", "relabel");
  }

  @Test
  void shouldRefuseAClusterHostThatIsNoHostName() {
    for (String host : new String[] {"bad host", "-leading.example", "a..b", "db.example-", "x/y", "1.2.3.4.5:1"}) {
      HttpResponse<String> response = put("/api/v1/clusters/bad-host",
          "{\"region\":\"eu-west\",\"tenancyModels\":[\"SCHEMA\"],\"host\":\"" + host + "\"}");
      assertThat(response.statusCode()).as(host + ": " + response.body()).isEqualTo(422);
      assertThat(response.body()).contains("invalid-cluster", "host");
    }
    for (String host : new String[] {"pg-1.db.internal", "localhost", "10.0.0.5", "::1"}) {
      HttpResponse<String> response = put("/api/v1/clusters/good-host",
          "{\"region\":\"eu-west\",\"tenancyModels\":[\"SCHEMA\"],\"host\":\"" + host + "\"}");
      assertThat(response.statusCode()).as(host + ": " + response.body()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> put(String path, String body) {
    return app.call("admin", "PUT", path, body);
  }
}
