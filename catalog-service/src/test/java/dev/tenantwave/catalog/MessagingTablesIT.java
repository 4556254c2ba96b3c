package dev.tenantwave.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantwave.messaging.MessagingSchema;
import dev.tenantwave.testsupport.TestInfra;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The catalog keeps the shared messaging tables in its own Flyway history: what its migrations build must be exactly
 * what the messaging module's canonical DDL builds, and audit lines written before V4 keep their documents.
 */
class MessagingTablesIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldMigrateToExactlyTheMessagingModulesTables() throws Exception {
    String canonical = TestInfra.get().postgres().createDatabase(TestInfra.uniqueId("tw_messaging"));
    try (Connection connection = connect(canonical)) {
      MessagingSchema.create(connection);
    }
    try (CatalogApp app = CatalogApp.start(Map.of()); Connection catalog = app.db();
         Connection expected = connect(canonical)) {
      List<String> tables = MessagingSchema.describe(catalog);
      assertThat(tables).as("columns, indexes and triggers of processed_events, outbox and audit_log")
          .isEqualTo(MessagingSchema.describe(expected)).isNotEmpty();
    }
  }

  @Test
  void shouldShowAuditLinesWrittenBeforeTheSharedTableAsBefore() throws Exception {
    String jdbcUrl = TestInfra.get().postgres().createDatabase(TestInfra.uniqueId("tw_catalog"));
    var pg = TestInfra.get().postgres();
    Flyway.configure().dataSource(jdbcUrl, pg.user(), pg.password()).locations("classpath:db/migration")
        .target("3").load().migrate();
    try (Connection connection = connect(jdbcUrl); Statement statement = connection.createStatement()) {
      statement.executeUpdate("""
          INSERT INTO audit_log (actor, action, entity_type, entity_id, before, after, reason) VALUES
            ('otto (operator)', 'CREATE', 'TENANT', 'legacy', NULL, '{"id":"legacy","version":1}', NULL),
            ('ada (admin)', 'RESIDENCY_CHANGE', 'TENANT', 'legacy', '{"id":"legacy","region":"eu-west"}',
             '{"id":"legacy","region":"us-east"}', 'contract 4711'),
            ('ada (admin)', 'DELETE', 'CELL', 'eu-west-9', '{"id":"eu-west-9"}', NULL, NULL)""");
    }

    try (CatalogApp app = CatalogApp.start(Map.of("datasources.default.url", jdbcUrl))) {
      JsonNode legacy = items(app.call("viewer", "GET", "/api/v1/audit?entityId=legacy", null));
      assertThat(legacy).hasSize(2);
      assertThat(legacy.get(0).path("entityType").asText()).isEqualTo("TENANT");
      assertThat(legacy.get(0).has("before")).isFalse();
      assertThat(JSON.readTree(legacy.get(0).path("after").asText())).isEqualTo(JSON.readTree(
          "{\"id\":\"legacy\",\"version\":1}"));
      assertThat(JSON.readTree(legacy.get(1).path("before").asText()).path("region").asText()).isEqualTo("eu-west");
      assertThat(JSON.readTree(legacy.get(1).path("after").asText()).path("region").asText()).isEqualTo("us-east");
      assertThat(legacy.get(1).path("reason").asText()).isEqualTo("contract 4711");
      JsonNode cell = items(app.call("viewer", "GET", "/api/v1/audit?entityType=CELL&actor=ada%20(admin)", null));
      assertThat(cell).hasSize(1);
      assertThat(cell.get(0).has("after")).isFalse();

      app.call("admin", "PUT", "/api/v1/regions/eu-west", "{\"jurisdiction\":\"EU\"}");
      JsonNode created = items(app.call("viewer", "GET", "/api/v1/audit?entityType=REGION&entityId=eu-west", null));
      assertThat(created).hasSize(1);
      assertThat(created.get(0).has("before")).isFalse();
      assertThat(JSON.readTree(created.get(0).path("after").asText()).path("jurisdiction").asText()).isEqualTo("EU");
    }
  }

  private static JsonNode items(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).path("items");
  }

  private static Connection connect(String jdbcUrl) throws Exception {
    var pg = TestInfra.get().postgres();
    return DriverManager.getConnection(jdbcUrl, pg.user(), pg.password());
  }
}
