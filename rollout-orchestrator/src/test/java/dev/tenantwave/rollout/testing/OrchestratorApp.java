package dev.tenantwave.rollout.testing;

import static org.awaitility.Awaitility.await;

import dev.tenantwave.service.startup.SchemaMigrations;
import dev.tenantwave.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** One orchestrator instance in this JVM on the real infrastructure, with a client per role. */
public final class OrchestratorApp implements AutoCloseable {

  public static final String VIEWER = "eve";
  public static final String OPERATOR = "op";
  public static final String ADMIN = "boss";
  private static final String PASSWORD = "pw-" + UUID.randomUUID();

  private final EmbeddedServer server;
  private final BlockingHttpClient http;

  private OrchestratorApp(EmbeddedServer server) {
    this.server = server;
    this.http = HttpClient.create(server.getURL()).toBlocking();
  }

  /** A fresh database; instances given the same database and group share releases, as two replicas do. */
  public static String newDatabase(TestInfra infra) {
    return infra.postgres().createDatabase(TestInfra.uniqueId("tw_rollout"));
  }

  public static OrchestratorApp start(TestInfra infra, String databaseUrl, String consumerGroup,
      Map<String, Object> overrides) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("micronaut.server.port", -1);
    settings.put("kafka.bootstrap.servers", infra.kafkaBootstrap());
    settings.put("tenantwave.registry.url", infra.registryUrl());
    settings.put("tenantwave.security.users", "viewer=" + VIEWER + ":" + PASSWORD + ",operator=" + OPERATOR + ":"
        + PASSWORD + ",admin=" + ADMIN + ":" + PASSWORD);
    settings.put("datasources.default.url", databaseUrl);
    settings.put("datasources.default.username", infra.postgres().user());
    settings.put("datasources.default.password", infra.postgres().password());
    settings.put("tenantwave.rollout.consumer-group", consumerGroup);
    settings.putAll(overrides);
    EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, settings);
    // as a client would, wait until the API answers (its tables migrated) rather than retry its 503s
    await().atMost(Duration.ofSeconds(30))
        .until(() -> server.getApplicationContext().getBean(SchemaMigrations.class).finished());
    return new OrchestratorApp(server);
  }

  public <T> io.micronaut.http.HttpResponse<T> post(String path, String body, String user, Class<T> type) {
    return http.exchange(HttpRequest.POST(path, body)
        .contentType(body.startsWith("{") ? MediaType.APPLICATION_JSON : "application/yaml")
        .basicAuth(user, PASSWORD), type);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> get(String path) {
    return http.retrieve(HttpRequest.GET(path).basicAuth(VIEWER, PASSWORD), Map.class);
  }

  @SuppressWarnings("unchecked")
  public java.util.List<Map<String, Object>> getList(String path) {
    return http.retrieve(HttpRequest.GET(path).basicAuth(VIEWER, PASSWORD),
        io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
  }

  /** The base URL with a role's user and password in it, as a browser is given it. */
  public String urlWithLogin(String user) {
    java.net.URL url = server.getURL();
    return url.getProtocol() + "://" + user + ":" + PASSWORD + "@" + url.getHost() + ":" + url.getPort();
  }

  public String basicAuthorization(String user) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
  }

  public String url() {
    return server.getURL().toString();
  }

  public ApplicationContext context() {
    return server.getApplicationContext();
  }

  @Override
  public void close() {
    server.close();
  }
}
