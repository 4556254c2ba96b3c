package dev.tenantwave.rollout.release;

import java.time.Instant;
import java.util.Optional;

/** When a tenant's maintenance window opens next: empty when it is open now. */
public interface WindowCalendar {

  /** {@code Optional.of(Instant.MAX)}: the tenant has no window at all and waits for an operator. */
  Optional<Instant> nextOpening(String tenantId, Instant now);
}
