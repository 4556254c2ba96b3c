package dev.tenantwave.rollout.jdbc;

import dev.tenantwave.rollout.tenant.MigrationStep;
import java.time.Instant;

/** A scheduled wake-up of one tenant: its command's answer is overdue, or its maintenance window opens. */
public record Wakeup(String releaseId, String tenantId, Kind kind, MigrationStep step, int attempt, Instant dueAt) {

  public enum Kind { COMMAND_TIMEOUT, WINDOW_OPENS }
}
