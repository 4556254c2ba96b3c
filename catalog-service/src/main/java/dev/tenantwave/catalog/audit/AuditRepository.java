package dev.tenantwave.catalog.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** Insert and read only: the table refuses updates and deletes. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditRepository extends GenericRepository<AuditEntry, Long> {

  AuditEntry save(AuditEntry entry);

  List<AuditEntry> saveAll(Iterable<AuditEntry> entries);

  @Query("""
      SELECT * FROM audit_log
      WHERE (CAST(:entityType AS text) IS NULL OR entity_type = :entityType)
        AND (CAST(:entityId AS text) IS NULL OR entity_id = :entityId)
        AND (CAST(:actor AS text) IS NULL OR actor = :actor)
        AND (CAST(:action AS text) IS NULL OR action = :action)
        AND id > CAST(:after AS bigint)
      ORDER BY id
      LIMIT CAST(:limit AS integer)""")
  List<AuditEntry> search(@Nullable String entityType, @Nullable String entityId, @Nullable String actor,
                          @Nullable String action, long after, int limit);

  long count();
}
