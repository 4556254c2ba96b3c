package dev.tenantwave.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.service.startup.SchemaMigrations;
import dev.tenantwave.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A plan is YAML or JSON under whichever media type a client names it: {@code tw release plan|create} sends a .yaml
 * file as {@code application/yaml} (RFC 9512), older clients {@code application/x-yaml}.
 */
class PlanMediaTypesIT {

  private static final String VIEWER_PASSWORD = UUID.randomUUID().toString();
  private static final String PLAN = """
      releaseId: r-media-types
      appVersion: 2.4.0
      previousAppVersion: 2.3.1
      regions:
        - region: eu-west
          waves:
            - {name: all, cohort: {tracks: [GENERAL]}}
      """;

  private static EmbeddedServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    TestInfra infra = TestInfra.get();
    infra.createTopics();
    Map<String, Object> settings = new HashMap<>();
    settings.put("micronaut.server.port", -1);
    settings.put("kafka.bootstrap.servers", infra.kafkaBootstrap());
    settings.put("tenantwave.registry.url", infra.registryUrl());
    settings.put("tenantwave.security.users", "viewer=eve:" + VIEWER_PASSWORD);
    settings.put("datasources.default.url", infra.postgres().createDatabase(TestInfra.uniqueId("tw_rollout")));
    settings.put("datasources.default.username", infra.postgres().user());
    settings.put("datasources.default.password", infra.postgres().password());
    settings.put("tenantwave.rollout.consumer-enabled", false);
    server = ApplicationContext.run(EmbeddedServer.class, settings);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> server.getApplicationContext().getBean(SchemaMigrations.class).finished());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/yaml", "application/x-yaml", "text/plain", "application/yaml; charset=utf-8"})
  void shouldPlanAYamlDocumentSentAs(String contentType) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      HttpResponse<String> dryRun = dryRun(contentType, PLAN);
      assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
      assertThat(dryRun.body()).contains("\"releaseId\":\"r-media-types\"");
    });
  }

  @Test
  void shouldPlanAJsonDocumentSentAsJson() {
    String json = """
        {"releaseId": "r-media-types", "appVersion": "2.4.0", "previousAppVersion": "2.3.1",
         "regions": [{"region": "eu-west", "waves": [{"name": "all", "cohort": {"tracks": ["GENERAL"]}}]}]}
        """;
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      HttpResponse<String> dryRun = dryRun("application/json", json);
      assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
      assertThat(dryRun.body()).contains("\"releaseId\":\"r-media-types\"");
    });
  }

  private HttpResponse<String> dryRun(String contentType, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/releases/dry-run"))
        .header("Content-Type", contentType)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("eve:" + VIEWER_PASSWORD)
            .getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
