package dev.tenantwave.messaging;

import java.time.Duration;
import java.util.Objects;

/**
 * How a relay moves outbox rows to Kafka.
 *
 * @param transactionalId the Kafka {@code transactional.id}, one per service (not per instance): a relay that takes
 *     over fences the producer of the one before it
 * @param leaderLockKey the PostgreSQL advisory lock that makes one relay per database publish at a time
 * @param batchSize rows per Kafka transaction and per round trip
 * @param pollInterval fallback poll when no NOTIFY arrives (a lost notification only delays an event by this much);
 *     also how soon a standby relay notices that the leader is gone
 * @param maxBackoff longest wait between attempts while Kafka, the registry or the database is unreachable
 */
public record OutboxRelaySettings(String transactionalId, long leaderLockKey, int batchSize, Duration pollInterval,
                                  Duration maxBackoff) {

  public static final int DEFAULT_BATCH_SIZE = 1000;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

  public OutboxRelaySettings {
    Objects.requireNonNull(transactionalId, "transactionalId");
    if (transactionalId.isBlank()) {
      throw new IllegalArgumentException("transactionalId must not be blank");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
    requirePositive("pollInterval", pollInterval);
    requirePositive("maxBackoff", maxBackoff);
  }

  /** The defaults above for a service's transactional id and lock key. */
  public static OutboxRelaySettings defaults(String transactionalId, long leaderLockKey) {
    return new OutboxRelaySettings(transactionalId, leaderLockKey, DEFAULT_BATCH_SIZE, DEFAULT_POLL_INTERVAL,
        DEFAULT_MAX_BACKOFF);
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
