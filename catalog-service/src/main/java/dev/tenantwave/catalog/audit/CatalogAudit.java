package dev.tenantwave.catalog.audit;

import dev.tenantwave.messaging.AuditEntry;
import dev.tenantwave.messaging.AuditLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The catalog's changes as lines of the shared audit log, in the caller's transaction: the subject is the changed
 * entity, the detail holds its documents before and after ({@code {"before": ..., "after": ...}}, each only when
 * there is one).
 */
@Singleton
public class CatalogAudit {

  public enum EntityType { TENANT, REGION, CELL, CLUSTER }

  /** A change to record; documents are serialized to JSON. */
  public record Change(String action, EntityType type, String id, @Nullable Object before, @Nullable Object after) {}

  private final AuditLog log;
  private final JsonMapper json;
  private final JdbcOperations jdbc;

  public CatalogAudit(AuditLog log, JsonMapper json, JdbcOperations jdbc) {
    this.log = log;
    this.json = json;
    this.jdbc = jdbc;
  }

  public void record(String actor, Change change, @Nullable String reason) {
    AuditEntry entry = entry(actor, change, reason);
    jdbc.execute(connection -> {
      log.record(connection, entry);
      return null;
    });
  }

  /** One statement for a whole bulk import, lines in the order of the changes. */
  public void recordAll(String actor, List<Change> changes) {
    List<AuditEntry> entries = changes.stream().map(change -> entry(actor, change, null)).toList();
    jdbc.execute(connection -> {
      log.recordAll(connection, entries);
      return null;
    });
  }

  private AuditEntry entry(String actor, Change change, @Nullable String reason) {
    return new AuditEntry(actor, change.action(), change.type().name(), change.id(), reason,
        detail(change.before(), change.after()));
  }

  private String detail(@Nullable Object before, @Nullable Object after) {
    if (before == null && after == null) {
      return null;
    }
    StringBuilder detail = new StringBuilder("{");
    if (before != null) {
      detail.append("\"before\":").append(toJson(before));
    }
    if (after != null) {
      detail.append(before == null ? "" : ",").append("\"after\":").append(toJson(after));
    }
    return detail.append('}').toString();
  }

  private String toJson(Object document) {
    try {
      return json.writeValueAsString(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
