package dev.tenantwave.catalog.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** Read only: lines are written through {@link CatalogAudit}, and the table refuses updates and deletes. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditRepository extends GenericRepository<AuditLine, Long> {

  @Query("""
      SELECT id, at, actor, action, subject_type AS entity_type, subject_id AS entity_id,
             detail ->> 'before' AS before, detail ->> 'after' AS after, reason
      FROM audit_log
      WHERE (CAST(:entityType AS text) IS NULL OR subject_type = :entityType)
        AND (CAST(:entityId AS text) IS NULL OR subject_id = :entityId)
        AND (CAST(:actor AS text) IS NULL OR actor = :actor)
        AND (CAST(:action AS text) IS NULL OR action = :action)
        AND id > CAST(:after AS bigint)
      ORDER BY id
      LIMIT CAST(:limit AS integer)""")
  List<AuditLine> search(@Nullable String entityType, @Nullable String entityId, @Nullable String actor,
                         @Nullable String action, long after, int limit);
}
