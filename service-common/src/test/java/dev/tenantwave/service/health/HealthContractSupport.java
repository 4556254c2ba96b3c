package dev.tenantwave.service.health;

import dev.tenantwave.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** Starting a service on the real stack and reading its {@code /health}, for the health contracts. */
abstract class HealthContractSupport {

  private final HttpClient http = HttpClient.newHttpClient();

  /** Settings every service needs: a random HTTP port, Kafka and the registry. */
  protected static Map<String, Object> stackSettings(String kafkaBootstrap) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("micronaut.server.port", -1);
    settings.put("kafka.bootstrap.servers", kafkaBootstrap);
    settings.put("tenantwave.registry.url", TestInfra.get().registryUrl());
    return settings;
  }

  static EmbeddedServer start(Map<String, Object> settings) {
    return ApplicationContext.run(EmbeddedServer.class, settings);
  }

  HttpResponse<String> get(EmbeddedServer server, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(EmbeddedServer server, String path, String credentials)
      throws IOException, InterruptedException {
    return send(server, "GET", path, credentials);
  }

  HttpResponse<String> send(EmbeddedServer server, String method, String path, String credentials)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (credentials != null) {
      request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
          .encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The framework's management endpoints: none may answer, anonymous or admin, and none may fail with a 5xx. */
  static final java.util.List<String> MANAGEMENT_ENDPOINTS = java.util.List.of("GET /beans", "GET /info",
      "GET /routes", "GET /threaddump", "POST /refresh", "GET /loggers", "GET /env", "GET /caches", "POST /stop");

  void assertManagementEndpointsClosed(EmbeddedServer server, String adminCredentials) throws Exception {
    for (String endpoint : MANAGEMENT_ENDPOINTS) {
      String[] parts = endpoint.split(" ");
      for (String credentials : new String[] {null, adminCredentials}) {
        HttpResponse<String> response = send(server, parts[0], parts[1], credentials);
        org.assertj.core.api.Assertions.assertThat(response.statusCode())
            .as(endpoint + (credentials == null ? " anonymous" : " as admin") + ": " + response.body())
            .isIn(401, 403, 404);
      }
    }
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
