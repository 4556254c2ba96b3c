package dev.tenantwave.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The local stack of {@code ./tw up}: fixed ports, and a data directory that survives a restart unless cleaned. */
class LocalStackIT {

  // as ./tw up runs it: no harness listener, no superuser login
  @Test
  void keepsDataAcrossRestartsAndStartsEmptyWhenCleaned() throws Exception {
    Path dataDir = Files.createTempDirectory("tenantwave-localstack-");
    LocalStack.Ports ports = LocalStack.Ports.random();
    try {
      try (LocalStack stack = LocalStack.start(dataDir, ports, false, false)) {
        stack.postgres().createDatabase("kept_db");
        try (var admin = admin(stack)) {
          admin.createTopics(List.of(new NewTopic("kept.topic", 1, (short) 1))).all().get();
        }
      }
      try (LocalStack stack = LocalStack.start(dataDir, ports, false, false)) {
        assertThat(stack.kafkaBootstrap()).isEqualTo("localhost:" + ports.kafka());
        assertThat(stack.registryUrl()).isEqualTo("http://localhost:" + ports.registry());
        assertThat(databaseExists(stack, "kept_db")).isTrue();
        try (var admin = admin(stack)) {
          assertThat(admin.listTopics().names().get()).contains("kept.topic");
        }
      }
      try (LocalStack stack = LocalStack.start(dataDir, ports, true, false)) {
        assertThat(databaseExists(stack, "kept_db")).isFalse();
        try (var admin = admin(stack)) {
          assertThat(admin.listTopics().names().get()).doesNotContain("kept.topic");
        }
      }
    } finally {
      LocalStack.deleteTree(dataDir);
    }
  }

  private static org.apache.kafka.clients.admin.Admin admin(LocalStack stack) {
    return org.apache.kafka.clients.admin.Admin.create(stack.kafkaAdminConfig());
  }

  private static boolean databaseExists(LocalStack stack, String name) throws Exception {
    var pg = stack.postgres();
    try (var connection = DriverManager.getConnection(pg.adminJdbcUrl(), pg.user(), pg.password());
         var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      statement.setString(1, name);
      try (var rs = statement.executeQuery()) {
        return rs.next();
      }
    }
  }
}
