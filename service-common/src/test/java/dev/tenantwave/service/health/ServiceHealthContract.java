package dev.tenantwave.service.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.testsupport.StandalonePostgres;
import dev.tenantwave.testsupport.TestInfra;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every service with a database of its own must do at start: report healthy against the real stack, with its
 * Flyway tables in place, and report DOWN naming the address when Kafka or its database is unreachable. Each such
 * service runs it by extending this class; a service without a database extends
 * {@link ServiceWithoutDatabaseHealthContract}.
 */
public abstract class ServiceHealthContract extends HealthContractSupport {

  /** A fresh database name for this service's test. */
  protected abstract String databaseName();

  @Test
  void shouldReportHealthyAgainstTheRealStack() throws Exception {
    TestInfra.get().createTopics(); // the real stack has its topics provisioned
    String jdbcUrl = TestInfra.get().postgres().createDatabase(databaseName());
    try (EmbeddedServer server = start(settings(TestInfra.get().kafkaBootstrap(), jdbcUrl))) {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        HttpResponse<String> health = get(server, "/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"kafka\"", "\"database\"", "\"schemaRegistry\"");
        for (String component : serviceHealthComponents()) {
          assertThat(health.body()).contains(component);
        }
        assertThat(tableExists(jdbcUrl, "processed_events")).as("Flyway applied V1").isTrue();
      });
      HttpResponse<String> metrics = get(server, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge");
    }
  }

  @Test
  void shouldNameUnreachableKafkaInHealth() throws Exception {
    String unreachable = "127.0.0.1:" + closedPort();
    String jdbcUrl = TestInfra.get().postgres().createDatabase(databaseName());
    try (EmbeddedServer server = start(settings(unreachable, jdbcUrl))) {
      HttpResponse<String> health = get(server, "/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).contains("Kafka at " + unreachable + " is unreachable");
    }
  }

  @Test
  void shouldNameUnreachableDatabaseInHealth() throws Exception {
    String unreachable = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/nowhere";
    try (EmbeddedServer server = start(settings(TestInfra.get().kafkaBootstrap(), unreachable))) {
      HttpResponse<String> health = get(server, "/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).contains("PostgreSQL at " + unreachable + " is unreachable");
    }
  }

  /** Health components of this service's own, beyond Kafka, the registry and the database. */
  protected String[] serviceHealthComponents() {
    return new String[0];
  }

  /**
   * A read of this service's API that needs its database, or {@code null} when no API reads it (the migration
   * worker's API reads tenant databases only).
   */
  protected String databaseBackedPath() {
    return null;
  }

  @Test
  void shouldAnswer503WithRetryAfterWhileTheDatabaseIsDown() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(databaseBackedPath() != null, "no API reads this service's database");
    try (StandalonePostgres postgres = StandalonePostgres.start()) {
      String jdbcUrl = postgres.postgres().createDatabase(databaseName());
      Map<String, Object> settings = settings(TestInfra.get().kafkaBootstrap(), jdbcUrl);
      settings.put("tenantwave.security.users", "viewer=vic:v-pw");
      try (EmbeddedServer server = start(settings)) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(get(server, databaseBackedPath(), "vic:v-pw").statusCode()).isEqualTo(200));

        postgres.stop();

        HttpResponse<String> down = get(server, databaseBackedPath(), "vic:v-pw");
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).as("Retry-After").isPresent();
        assertThat(down.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(down.body()).contains("dependency-unavailable", "\"dependency\":\"PostgreSQL\"");

        postgres.restart();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(get(server, databaseBackedPath(), "vic:v-pw").statusCode()).isEqualTo(200));
      }
    }
  }


  @Test
  void shouldAnswer503AndReportDownWhileItsTablesAreNotMigrated() throws Exception {
    String jdbcUrl = TestInfra.get().postgres().createDatabase(databaseName());
    var pg = TestInfra.get().postgres();
    try (var connection = DriverManager.getConnection(jdbcUrl, pg.user(), pg.password());
         var statement = connection.createStatement()) {
      statement.execute("CREATE TABLE processed_events (clash int)"); // V1 fails on it, so Flyway never finishes
    }
    Map<String, Object> settings = settings(TestInfra.get().kafkaBootstrap(), jdbcUrl);
    settings.put("tenantwave.security.users", "viewer=vic:v-pw");
    try (EmbeddedServer server = start(settings)) {
      HttpResponse<String> health = get(server, "/health");
      assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
      assertThat(health.body()).contains("answers, but the service's tables are not migrated yet");
      if (databaseBackedPath() != null) {
        HttpResponse<String> api = get(server, databaseBackedPath(), "vic:v-pw");
        assertThat(api.statusCode()).as(api.body()).isEqualTo(503);
        assertThat(api.headers().firstValue("Retry-After")).as("Retry-After").contains("1");
        assertThat(api.body()).contains("problems/starting", "still creating or migrating its tables");
      }
    }
  }

  @Test
  void shouldNotServeManagementEndpoints() throws Exception {
    Map<String, Object> settings = settings(TestInfra.get().kafkaBootstrap(), TestInfra.get().postgres().createDatabase(databaseName()));
    settings.put("tenantwave.security.users", "admin=ada:a-pw");
    try (EmbeddedServer server = start(settings)) {
      assertManagementEndpointsClosed(server, "ada:a-pw");
    }
  }

  protected Map<String, Object> settings(String kafkaBootstrap, String jdbcUrl) {
    Map<String, Object> settings = stackSettings(kafkaBootstrap);
    settings.put("datasources.default.url", jdbcUrl);
    settings.put("datasources.default.username", TestInfra.get().postgres().user());
    settings.put("datasources.default.password", TestInfra.get().postgres().password());
    return settings;
  }

  private static boolean tableExists(String jdbcUrl, String table) throws Exception {
    var pg = TestInfra.get().postgres();
    try (var connection = DriverManager.getConnection(jdbcUrl, pg.user(), pg.password());
         var statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      statement.setString(1, table);
      try (var rs = statement.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
