package dev.tenantwave.service.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.testsupport.TestInfra;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What a service without a database of its own (its state lives in Kafka) must do at start: report healthy against
 * Kafka and the registry alone, report DOWN naming the address when Kafka is unreachable, and never depend on
 * PostgreSQL, even where a deployment still hands it a database URL. Each such service runs it by extending this
 * class.
 */
public abstract class ServiceWithoutDatabaseHealthContract extends HealthContractSupport {

  @Test
  void shouldReportHealthyAgainstKafkaAndTheRegistryAlone() throws Exception {
    try (EmbeddedServer server = start(settings(TestInfra.get().kafkaBootstrap()))) {
      assertThat(server.getApplicationContext().containsBean(DataSource.class)).as("a DataSource").isFalse();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        HttpResponse<String> health = get(server, "/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"kafka\"", "\"schemaRegistry\"").doesNotContain("\"database\"");
      });
      HttpResponse<String> metrics = get(server, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("# TYPE jvm_memory_used_bytes gauge");
    }
  }

  @Test
  void shouldNameUnreachableKafkaInHealth() throws Exception {
    String unreachable = "127.0.0.1:" + closedPort();
    try (EmbeddedServer server = start(settings(unreachable))) {
      HttpResponse<String> health = get(server, "/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).contains("Kafka at " + unreachable + " is unreachable");
    }
  }

  @Test
  void shouldIgnoreADatabaseUrlItIsGiven() throws Exception {
    Map<String, Object> settings = settings(TestInfra.get().kafkaBootstrap());
    settings.put("datasources.default.url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/nowhere");
    try (EmbeddedServer server = start(settings)) {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        HttpResponse<String> health = get(server, "/health");
        assertThat(health.statusCode()).as("PostgreSQL down must not matter: " + health.body()).isEqualTo(200);
        assertThat(health.body()).doesNotContain("PostgreSQL");
      });
    }
  }


  @Test
  void shouldNotServeManagementEndpoints() throws Exception {
    Map<String, Object> settings = settings(TestInfra.get().kafkaBootstrap());
    settings.put("tenantwave.security.users", "admin=ada:a-pw");
    try (EmbeddedServer server = start(settings)) {
      assertManagementEndpointsClosed(server, "ada:a-pw");
    }
  }

  protected Map<String, Object> settings(String kafkaBootstrap) {
    return stackSettings(kafkaBootstrap);
  }
}
