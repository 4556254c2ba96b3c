package dev.tenantwave.migration.retry;

import java.time.Duration;

/** Backoff of retriable failures: exponential from {@code initialDelay} to {@code maxDelay}, with jitter. */
public record RetrySettings(int maxRetries, Duration initialDelay, Duration maxDelay, double jitterFactor) {

  public static final RetrySettings DEFAULT =
      new RetrySettings(8, Duration.ofMillis(100), Duration.ofSeconds(5), 0.25);
}
