package dev.tenantwave.rollout.tenant;

import java.time.Instant;

/**
 * Why a tenant failed: the gate's verdict (gate, observed value, threshold, baseline) or a migration step's error,
 * or an operator's rollback.
 */
public record Failure(Kind kind, String gate, Double observed, Double threshold, Double baseline, String reason,
                      Instant at) {

  public enum Kind { GATE, MIGRATION, OPERATOR, INCONCLUSIVE }

  public static Failure migration(MigrationStep step, String error, Instant at) {
    return new Failure(Kind.MIGRATION, null, null, null, null, step + " failed: " + error, at);
  }

  public static Failure operator(String who, String reason, Instant at) {
    return new Failure(Kind.OPERATOR, null, null, null, null, "rolled back by " + who + ": " + reason, at);
  }
}
