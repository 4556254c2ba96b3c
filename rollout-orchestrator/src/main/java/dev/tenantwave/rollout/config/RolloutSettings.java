package dev.tenantwave.rollout.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code tenantwave.rollout.*}: the orchestrator's settings (defaults in application.yml). */
@ConfigurationProperties("tenantwave.rollout")
public class RolloutSettings {

  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);

  /** How long a migration command's answer may take before the command is sent again with attempt + 1. */
  private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;

  public Duration getCommandTimeout() {
    return commandTimeout;
  }

  public void setCommandTimeout(Duration commandTimeout) {
    this.commandTimeout = commandTimeout;
  }
}
