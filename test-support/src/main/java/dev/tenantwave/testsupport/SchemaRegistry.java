package dev.tenantwave.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Apicurio Registry from its runnable {@code all} zip on Maven Central (unpacked by this module's build), on
 * loopback, its SQL storage in a PostgreSQL database (as in {@code docker-compose.yml}: schema ids outlive a restart,
 * like the records that carry them), with a global BACKWARD compatibility rule.
 */
final class SchemaRegistry implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final ChildProcess process;
  private final String url;

  private SchemaRegistry(ChildProcess process, String url) {
    this.process = process;
    this.url = url;
  }

  static SchemaRegistry start(int port, Postgres storage, Path logDir) {
    Properties settings = settings();
    Path home = Path.of(settings.getProperty("apicurio.home"));
    Path runner = home.resolve("apicurio-registry-app-" + settings.getProperty("apicurio.version") + "-runner.jar");
    if (!Files.isRegularFile(runner)) {
      throw new IllegalStateException("Apicurio Registry is not unpacked at " + runner
          + "; build the test-support module first (mvn -pl test-support -am package)");
    }
    ChildProcess process = ChildProcess.start("Apicurio Registry",
        List.of(ChildProcess.java(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
            runner.toString()),
        Map.ofEntries(Map.entry("QUARKUS_HTTP_PORT", Integer.toString(port)),
            Map.entry("QUARKUS_HTTP_HOST", "127.0.0.1"), // loopback only: it cannot check callers without an IdP
            Map.entry("QUARKUS_MANAGEMENT_ENABLED", "false"),
            Map.entry("QUARKUS_LOG_LEVEL", "WARN"),
            Map.entry("APICURIO_STORAGE_KIND", "sql"),
            Map.entry("APICURIO_STORAGE_SQL_KIND", "postgresql"),
            Map.entry("APICURIO_DATASOURCE_URL", storage.adminJdbcUrl()),
            Map.entry("APICURIO_DATASOURCE_USERNAME", storage.user()),
            Map.entry("APICURIO_DATASOURCE_PASSWORD", storage.password()),
            Map.entry("APICURIO_DATASOURCE_JDBC_INITIAL_SIZE", "2"),
            Map.entry("APICURIO_DATASOURCE_JDBC_MIN_SIZE", "2")),
        logDir.resolve("registry.log"));
    String url = "http://localhost:" + port;
    try {
      process.awaitReady(Duration.ofSeconds(90), () -> status(get(url + "/apis/registry/v3/system/info")) == 200);
      process.requireAlive(); // the answer came from this process, not from another registry on the port
      requireBackwardCompatibility(url);
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new SchemaRegistry(process, url);
  }

  String url() {
    return url;
  }

  /** Every subject must stay BACKWARD compatible; a second start against a persistent store finds it set. */
  private static void requireBackwardCompatibility(String url) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/apis/registry/v3/admin/rules"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"ruleType\":\"COMPATIBILITY\",\"config\":\"BACKWARD\"}"))
        .build();
    int status = status(request);
    if (status != 204 && status != 200 && status != 409) {
      throw new IllegalStateException("Could not set the registry's global compatibility rule at " + url
          + ": HTTP " + status);
    }
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
  }

  private static int status(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static Properties settings() {
    try (InputStream in = SchemaRegistry.class.getResourceAsStream("/tenantwave-test-support.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties;
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("tenantwave-test-support.properties is missing from the test-support jar", e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
