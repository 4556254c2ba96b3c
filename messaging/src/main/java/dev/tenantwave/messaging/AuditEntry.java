package dev.tenantwave.messaging;

import java.util.Objects;

/**
 * One line of the append-only audit log: who ({@code actor}) did what ({@code action}) to which subject, why, and
 * a JSON {@code detail} such as the documents before and after a change. {@code reason} and {@code detailJson} may
 * be null; the time is the transaction's.
 */
public record AuditEntry(String actor, String action, String subjectType, String subjectId, String reason,
                         String detailJson) {

  public AuditEntry {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(subjectType, "subjectType");
    Objects.requireNonNull(subjectId, "subjectId");
  }
}
