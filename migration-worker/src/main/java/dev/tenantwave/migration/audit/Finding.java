package dev.tenantwave.migration.audit;

import io.micronaut.serde.annotation.Serdeable;

/** One isolation weakness: what kind, which object, and what to do about it. */
@Serdeable
public record Finding(Kind kind, String object, String detail) {

  public enum Kind {
    RLS_DISABLED,
    RLS_NOT_FORCED,
    NO_POLICY,
    ROLE_BYPASSES_RLS
  }
}
