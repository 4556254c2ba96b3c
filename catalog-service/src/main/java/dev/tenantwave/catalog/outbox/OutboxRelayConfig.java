package dev.tenantwave.catalog.outbox;

import dev.tenantwave.messaging.OutboxRelaySettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/** {@code tenantwave.outbox.*}: how the messaging module's relay moves outbox rows to Kafka. */
@ConfigurationProperties("tenantwave.outbox")
public class OutboxRelayConfig {

  public static final Duration DEFAULT_POLL_INTERVAL = OutboxRelaySettings.DEFAULT_POLL_INTERVAL;
  public static final int DEFAULT_BATCH_SIZE = OutboxRelaySettings.DEFAULT_BATCH_SIZE;
  public static final Duration DEFAULT_MAX_BACKOFF = OutboxRelaySettings.DEFAULT_MAX_BACKOFF;

  private boolean enabled = true;
  private Duration pollInterval = DEFAULT_POLL_INTERVAL;
  private int batchSize = DEFAULT_BATCH_SIZE;
  private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
  private String bootstrapServers;

  /** Whether this instance runs a relay (only one instance publishes at a time; the others stand by). */
  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Fallback poll when no NOTIFY arrives (a lost notification only delays an event by this much). */
  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  /** Rows published per round trip. */
  public int getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = batchSize;
  }

  /** Longest wait between attempts while Kafka, the registry or the database is unreachable. */
  public Duration getMaxBackoff() {
    return maxBackoff;
  }

  public void setMaxBackoff(Duration maxBackoff) {
    this.maxBackoff = maxBackoff;
  }

  /** Kafka to publish to; {@code kafka.bootstrap.servers} when unset. */
  public @Nullable String getBootstrapServers() {
    return bootstrapServers;
  }

  public void setBootstrapServers(@Nullable String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }
}
