package dev.tenantwave.catalog.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Records a change in the caller's transaction, so a change and its audit line commit together or not at all. */
@Singleton
public class AuditLog {

  public enum EntityType { TENANT, REGION, CELL, CLUSTER }

  /** A change to record; documents are serialized to JSON. */
  public record Change(String action, EntityType type, String id, @Nullable Object before, @Nullable Object after) {}

  private final AuditRepository repository;
  private final JsonMapper json;
  private final JdbcOperations jdbc;

  public AuditLog(AuditRepository repository, JsonMapper json, JdbcOperations jdbc) {
    this.repository = repository;
    this.json = json;
    this.jdbc = jdbc;
  }

  public void record(String actor, Change change, @Nullable String reason) {
    repository.save(entry(actor, change, reason, Instant.now()));
  }

  /** One statement for a whole bulk import, lines in the order of the changes. */
  public void recordAll(String actor, List<Change> changes) {
    int n = changes.size();
    String[] actions = new String[n];
    String[] types = new String[n];
    String[] ids = new String[n];
    String[] befores = new String[n];
    String[] afters = new String[n];
    for (int i = 0; i < n; i++) {
      Change change = changes.get(i);
      actions[i] = change.action();
      types[i] = change.type().name();
      ids[i] = change.id();
      befores[i] = toJson(change.before());
      afters[i] = toJson(change.after());
    }
    jdbc.prepareStatement("INSERT INTO audit_log (at, actor, action, entity_type, entity_id, before, after) "
        + "SELECT now(), ?, a, t, i, b, f FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
        + " WITH ORDINALITY AS u(a, t, i, b, f, n) ORDER BY n", s -> {
          s.setString(1, actor);
          s.setArray(2, s.getConnection().createArrayOf("text", actions));
          s.setArray(3, s.getConnection().createArrayOf("text", types));
          s.setArray(4, s.getConnection().createArrayOf("text", ids));
          s.setArray(5, s.getConnection().createArrayOf("text", befores));
          s.setArray(6, s.getConnection().createArrayOf("text", afters));
          return s.executeUpdate();
        });
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
