package dev.tenantwave.catalog.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records a change in the caller's transaction, so a change and its audit line commit together or not at all. */
@Singleton
public class AuditLog {

  public enum EntityType { TENANT, REGION, CELL, CLUSTER }

  /** A change to record; documents are serialized to JSON. */
  public record Change(String action, EntityType type, String id, @Nullable Object before, @Nullable Object after) {}

  private final AuditRepository repository;
  private final JsonMapper json;

  public AuditLog(AuditRepository repository, JsonMapper json) {
    this.repository = repository;
    this.json = json;
  }

  public void record(String actor, Change change, @Nullable String reason) {
    repository.save(entry(actor, change, reason, Instant.now()));
  }

  public void recordAll(String actor, List<Change> changes) {
    Instant now = Instant.now();
    List<AuditEntry> entries = new ArrayList<>(changes.size());
    for (Change change : changes) {
      entries.add(entry(actor, change, null, now));
    }
    repository.saveAll(entries);
  }

  private AuditEntry entry(String actor, Change change, String reason, Instant at) {
    return new AuditEntry(null, at, actor, change.action(), change.type().name(), change.id(),
        toJson(change.before()), toJson(change.after()), reason);
  }

  private String toJson(Object document) {
    try {
      return document == null ? null : json.writeValueAsString(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
