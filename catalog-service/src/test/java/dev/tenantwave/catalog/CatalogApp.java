package dev.tenantwave.catalog;

import dev.tenantwave.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** A catalog-service on the real test stack with a fresh database, and an HTTP client that logs in by role. */
final class CatalogApp implements AutoCloseable {

  static final String USERS = "viewer=vera:viewer-secret,operator=otto:operator-secret,admin=ada:admin-secret";

  final EmbeddedServer server;
  final String jdbcUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private CatalogApp(EmbeddedServer server, String jdbcUrl) {
    this.server = server;
    this.jdbcUrl = jdbcUrl;
  }

  static CatalogApp start(Map<String, Object> overrides) {
    TestInfra infra = TestInfra.get();
    infra.createTopics();
    String jdbcUrl = infra.postgres().createDatabase(TestInfra.uniqueId("tw_catalog"));
    Map<String, Object> settings = new HashMap<>();
    settings.put("micronaut.server.port", -1);
    settings.put("kafka.bootstrap.servers", infra.kafkaBootstrap());
    settings.put("tenantwave.registry.url", infra.registryUrl());
    settings.put("datasources.default.url", jdbcUrl);
    settings.put("datasources.default.username", infra.postgres().user());
    settings.put("datasources.default.password", infra.postgres().password());
    settings.put("flyway.datasources.default.async", false);
    settings.put("tenantwave.security.users", USERS);
    settings.put("tenantwave.outbox.enabled", false);
    settings.putAll(overrides);
    return new CatalogApp(ApplicationContext.run(EmbeddedServer.class, settings), jdbcUrl);
  }

  static String credentials(String role) {
    if (role == null) {
      return null;
    }
    return switch (role) {
      case "viewer" -> "vera:viewer-secret";
      case "operator" -> "otto:operator-secret";
      case "admin" -> "ada:admin-secret";
      default -> null;
    };
  }

  HttpResponse<String> call(String role, String method, String path, String json) {
    return call(role, method, path, json, Map.of());
  }

  HttpResponse<String> call(String role, String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    String credentials = credentials(role);
    if (credentials != null) {
      request.header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    if (body != null && !headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    }
  }

  /** Regions eu-west/eu-central (EU) and us-east (US), one or two cells and clusters each. */
  void seedTopology() {
    put("/api/v1/regions/eu-west", "{\"jurisdiction\":\"EU\"}");
    put("/api/v1/regions/eu-central", "{\"jurisdiction\":\"EU\"}");
    put("/api/v1/regions/us-east", "{\"jurisdiction\":\"US\"}");
    put("/api/v1/cells/eu-west-1", "{\"region\":\"eu-west\"}");
    put("/api/v1/cells/eu-west-2", "{\"region\":\"eu-west\"}");
    put("/api/v1/cells/eu-central-1", "{\"region\":\"eu-central\"}");
    put("/api/v1/cells/us-east-1", "{\"region\":\"us-east\"}");
    put("/api/v1/clusters/pg-eu-west-a", "{\"region\":\"eu-west\",\"tenancyModels\":[\"POOLED\",\"SCHEMA\",\"DATABASE\"]}");
    put("/api/v1/clusters/pg-eu-central-a", "{\"region\":\"eu-central\",\"tenancyModels\":[\"POOLED\",\"SCHEMA\",\"DATABASE\"]}");
    put("/api/v1/clusters/pg-us-east-a", "{\"region\":\"us-east\",\"tenancyModels\":[\"POOLED\",\"SCHEMA\",\"DATABASE\"]}");
  }

  private void put(String path, String body) {
    HttpResponse<String> response = call("admin", "PUT", path, body);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("PUT " + path + " -> " + response.statusCode() + " " + response.body());
    }
  }

  static String tenantJson(String id, String region, String cell, String cluster) {
    return """
        {"id":"%s","displayName":"Tenant %s","tier":"SMB","track":"GENERAL","region":"%s","cell":"%s",
         "tenancy":"SCHEMA","cluster":"%s","database":"crm","schema":"t_%s","flags":{"new-pipeline":true},
         "integrations":[{"name":"salesforce-sync","apiVersion":"v2"}],
         "maintenanceWindows":[{"days":["SAT","SUN"],"start":"02:00","end":"06:00","zone":"Europe/Berlin"}],
         "owner":"team-dach"}""".formatted(id, id, region, cell, cluster, id.replace('-', '_'));
  }

  Connection db() throws SQLException {
    var pg = TestInfra.get().postgres();
    return DriverManager.getConnection(jdbcUrl, pg.user(), pg.password());
  }

  /** Every row of the tables a refused request must leave alone, as text, for before/after comparison. */
  String dump() {
    StringBuilder out = new StringBuilder();
    try (Connection c = db(); Statement s = c.createStatement()) {
      for (String query : new String[] {
          "SELECT id, version, region, cell, cluster, tenancy, status, flags FROM tenants ORDER BY id",
          "SELECT id, jurisdiction, version FROM regions ORDER BY id",
          "SELECT id, region, version FROM cells ORDER BY id",
          "SELECT id, region, tenancy_models, version FROM database_clusters ORDER BY id",
          "SELECT count(*) FROM audit_log", "SELECT count(*) FROM outbox"}) {
        try (ResultSet rs = s.executeQuery(query)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              out.append(rs.getString(i)).append('|');
            }
            out.append('\n');
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  @Override
  public void close() {
    server.close();
  }
}
