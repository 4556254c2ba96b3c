package dev.tenantwave.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint against every caller: anonymous is refused, and each role may do exactly what it should. */
class AuthMatrixIT {

  private static final List<String> ROLES = List.of("viewer", "operator", "admin");

  record Endpoint(String method, String path, String body, String minimumRole) {}

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

  private static List<Endpoint> endpoints(String suffix) {
    String tenant = CatalogApp.tenantJson("auth-" + suffix, "eu-west", "eu-west-1", "pg-eu-west-a");
    return List.of(
        new Endpoint("GET", "/api/v1/tenants", null, "viewer"),
        new Endpoint("GET", "/api/v1/tenants/auth-" + suffix, null, "viewer"),
        new Endpoint("POST", "/api/v1/tenants", tenant, "operator"),
        new Endpoint("PUT", "/api/v1/tenants/auth-" + suffix, tenant, "operator"),
        new Endpoint("POST", "/api/v1/tenants/auth-" + suffix + "/move", "{\"cell\":\"eu-west-2\"}", "operator"),
        new Endpoint("POST", "/api/v1/tenants/auth-" + suffix + "/residency-change",
            "{\"region\":\"eu-central\",\"cell\":\"eu-central-1\",\"cluster\":\"pg-eu-central-a\","
                + "\"schema\":\"s\",\"reason\":\"test\"}", "admin"),
        new Endpoint("POST", "/api/v1/tenant-imports", "{\"tenants\":[]}", "operator"),
        new Endpoint("DELETE", "/api/v1/tenants/auth-" + suffix, null, "operator"),
        new Endpoint("GET", "/api/v1/routes/auth-" + suffix, null, "viewer"),
        new Endpoint("GET", "/api/v1/audit", null, "viewer"),
        new Endpoint("GET", "/api/v1/regions", null, "viewer"),
        new Endpoint("GET", "/api/v1/regions/eu-west", null, "viewer"),
        new Endpoint("PUT", "/api/v1/regions/r-" + suffix, "{\"jurisdiction\":\"EU\"}", "admin"),
        new Endpoint("GET", "/api/v1/cells", null, "viewer"),
        new Endpoint("GET", "/api/v1/cells/eu-west-1", null, "viewer"),
        new Endpoint("PUT", "/api/v1/cells/c-" + suffix, "{\"region\":\"eu-west\"}", "admin"),
        new Endpoint("DELETE", "/api/v1/cells/c-" + suffix, null, "admin"),
        new Endpoint("GET", "/api/v1/clusters", null, "viewer"),
        new Endpoint("GET", "/api/v1/clusters/pg-eu-west-a", null, "viewer"),
        new Endpoint("PUT", "/api/v1/clusters/k-" + suffix, "{\"region\":\"eu-west\",\"tenancyModels\":[\"POOLED\"]}",
            "admin"),
        new Endpoint("DELETE", "/api/v1/clusters/k-" + suffix, null, "admin"),
        new Endpoint("DELETE", "/api/v1/regions/r-" + suffix, null, "admin"));
  }

  @Test
  void shouldRefuseAnonymousCallsToEveryOperatorEndpoint() {
    String before = app.dump();
    SoftAssertions softly = new SoftAssertions();
    for (Endpoint e : endpoints("anon")) {
      HttpResponse<String> response = app.call(null, e.method(), e.path(), e.body());
      softly.assertThat(response.statusCode()).as(e.method() + " " + e.path()).isEqualTo(401);
      softly.assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
    }
    softly.assertAll();
    assertThat(app.dump()).isEqualTo(before);
  }

  @Test
  void shouldRefuseWrongPasswords() {
    HttpResponse<String> response = app.call("nobody", "GET", "/api/v1/tenants", null,
        Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("ada:wrong".getBytes())));
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void shouldLetEachRoleDoExactlyWhatItShould() {
    SoftAssertions softly = new SoftAssertions();
    for (String role : ROLES) {
      for (Endpoint e : endpoints(role)) {
        HttpResponse<String> response = app.call(role, e.method(), e.path(), e.body());
        boolean allowed = ROLES.indexOf(role) >= ROLES.indexOf(e.minimumRole());
        String what = role + " " + e.method() + " " + e.path() + " -> " + response.body();
        if (allowed) {
          softly.assertThat(response.statusCode()).as(what).isNotIn(401, 403).isLessThan(500);
        } else {
          softly.assertThat(response.statusCode()).as(what).isEqualTo(403);
        }
      }
    }
    softly.assertAll();
  }

  @Test
  void shouldKeepHealthMetricsAndOpenApiOpen() {
    HttpResponse<String> health = app.call(null, "GET", "/health", null);
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(app.call(null, "GET", "/metrics", null).statusCode()).isEqualTo(200);
  }
}
