package dev.tenantwave.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

/** No service logs in to PostgreSQL with a password nobody chose: without TW_DB_USER/TW_DB_PASSWORD it does not start. */
class DatabaseLoginDefaultsTest {

  @Test
  void shouldRefuseToStartWithoutADatabasePassword() {
    assertThat(System.getenv("TW_DB_PASSWORD")).as("this test needs TW_DB_PASSWORD unset").isNull();
    try (ApplicationContext context = ApplicationContext.builder().build()) {
      context.getEnvironment().start();
      assertThatThrownBy(() -> context.getEnvironment().getProperty("datasources.default.password", String.class))
          .isInstanceOf(ConfigurationException.class).hasMessageContaining("TW_DB_PASSWORD");
      assertThatThrownBy(() -> context.getEnvironment().getProperty("datasources.default.username", String.class))
          .isInstanceOf(ConfigurationException.class).hasMessageContaining("TW_DB_USER");
    }
  }
}
