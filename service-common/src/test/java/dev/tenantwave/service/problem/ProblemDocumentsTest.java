package dev.tenantwave.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.service.security.Role;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every error the framework or security produces is an RFC 9457 document; roles gate exactly what they should. */
class ProblemDocumentsTest {

  static final String ENV = "problem-documents-test";
  static EmbeddedServer server;
  final HttpClient http = HttpClient.newHttpClient();

  enum Colour { RED, GREEN }

  @Serdeable
  record Paint(String name, Colour colour) {}

  @Controller("/api/v1/paint")
  @Requires(env = ENV)
  static class PaintController {
    @Get
    @Secured(Role.VIEWER_NAME)
    Map<String, String> read() {
      return Map.of("ok", "yes");
    }

    @Post
    @Secured(Role.OPERATOR_NAME)
    Paint write(@Body Paint paint) {
      if (paint.name() == null) {
        throw ProblemException.unprocessable("paint-without-name", "A paint needs a name.");
      }
      return paint;
    }
  }

  @Controller("/api/v1/stock")
  @Requires(env = ENV)
  static class StockController {
    private final javax.sql.DataSource dataSource;

    StockController(javax.sql.DataSource dataSource) {
      this.dataSource = dataSource;
    }

    @Get
    @Secured(Role.VIEWER_NAME)
    @io.micronaut.scheduling.annotation.ExecuteOn(io.micronaut.scheduling.TaskExecutors.BLOCKING)
    Map<String, Integer> count() throws java.sql.SQLException {
      try (var connection = dataSource.getConnection()) {
        return Map.of("count", 0);
      }
    }
  }

  @BeforeAll
  static void start() {
    server = ApplicationContext.run(EmbeddedServer.class, Map.of(
        "micronaut.server.port", -1,
        "micronaut.server.max-request-size", 2048,
        "datasources.default.url", "jdbc:postgresql://127.0.0.1:1/none",
        "datasources.default.connection-timeout", 250,
        "datasources.default.username", "nobody", "datasources.default.password", "unused",
        "flyway.datasources.default.enabled", false,
        "tenantwave.security.users", "viewer=vic:v-pw,operator=olga:o-pw,admin=ada:a-pw"), ENV);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void shouldAnswerAnonymousCallsWith401ProblemAndBasicChallenge() throws Exception {
    HttpResponse<String> response = send("GET", "/api/v1/paint", null, null, null);
    assertProblem(response, 401, "unauthenticated");
    assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic");
    assertProblem(send("GET", "/api/v1/paint", "vic:wrong", null, null), 401, "unauthenticated");
  }

  @Test
  void shouldLetEachRoleDoExactlyWhatItMay() throws Exception {
    assertThat(send("GET", "/api/v1/paint", "vic:v-pw", null, null).statusCode()).isEqualTo(200);
    HttpResponse<String> forbidden = send("POST", "/api/v1/paint", "vic:v-pw", "application/json", "{\"name\":\"a\"}");
    assertProblem(forbidden, 403, "forbidden");
    assertThat(forbidden.body()).contains("vic");
    assertThat(send("POST", "/api/v1/paint", "olga:o-pw", "application/json", "{\"name\":\"a\"}").statusCode())
        .isEqualTo(200);
    assertThat(send("POST", "/api/v1/paint", "ada:a-pw", "application/json", "{\"name\":\"a\"}").statusCode())
        .isEqualTo(200);
  }

  @Test
  void shouldDescribeRoutingErrorsAsProblems() throws Exception {
    assertProblem(send("GET", "/api/v1/nothing-here", "vic:v-pw", null, null), 404, "not-found");
    assertProblem(send("DELETE", "/api/v1/paint", "ada:a-pw", null, null), 405, "method-not-allowed");
    assertProblem(send("POST", "/api/v1/paint", "olga:o-pw", "text/plain", "red"), 415, "unsupported-media-type");
  }

  @Test
  void shouldDescribeBadBodiesAsProblems() throws Exception {
    HttpResponse<String> malformed = send("POST", "/api/v1/paint", "olga:o-pw", "application/json", "{\"name\":");
    assertProblem(malformed, 400, "malformed-json");
    HttpResponse<String> badEnum = send("POST", "/api/v1/paint", "olga:o-pw", "application/json",
        "{\"name\":\"a\",\"colour\":\"PURPLE\"}");
    assertThat(badEnum.statusCode()).as(badEnum.body()).isEqualTo(400);
    assertThat(badEnum.body()).contains("PURPLE");
    assertProblem(send("POST", "/api/v1/paint", "olga:o-pw", "application/json", "{}"), 422, "paint-without-name");
    assertProblem(send("POST", "/api/v1/paint", "olga:o-pw", "application/json",
        "{\"name\":\"" + "x".repeat(5000) + "\"}"), 413, "payload-too-large");
  }

  @Test
  void shouldAnswer503NamingTheDatabaseWhenItIsUnreachable() throws Exception {
    HttpResponse<String> response = send("GET", "/api/v1/stock", "vic:v-pw", null, null);
    assertProblem(response, 503, "dependency-unavailable");
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(response.body()).contains("\"dependency\":\"PostgreSQL\"");
  }

  @Test
  void shouldServeNoManagementEndpoint() throws Exception {
    for (String endpoint : java.util.List.of("GET /beans", "GET /info", "GET /routes", "GET /threaddump",
        "POST /refresh", "GET /loggers", "GET /env", "POST /stop")) {
      String[] parts = endpoint.split(" ");
      for (String credentials : new String[] {null, "ada:a-pw"}) {
        HttpResponse<String> response = send(parts[0], parts[1], credentials, null, null);
        assertThat(response.statusCode()).as(endpoint + " " + credentials + ": " + response.body()).isIn(401, 403, 404);
      }
    }
  }

  @Test
  void shouldKeepHealthAndMetricsOpen() throws Exception {
    assertThat(send("GET", "/metrics", null, null, null).statusCode()).isEqualTo(200);
    HttpResponse<String> health = send("GET", "/health", null, null, null);
    assertThat(health.statusCode()).as(health.body()).isNotIn(401, 403);
    assertThat(health.body()).containsPattern("\"status\"\\s*:\\s*\"(UP|DOWN)\"");
  }

  private static void assertProblem(HttpResponse<String> response, int status, String slug) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith(Problem.MEDIA_TYPE);
    assertThat(response.body()).contains("\"type\":\"" + Problem.TYPE_BASE + slug + "\"", "\"status\":" + status,
        "\"detail\":");
  }

  private HttpResponse<String> send(String method, String path, String credentials, String contentType, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (credentials != null) {
      request.header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
