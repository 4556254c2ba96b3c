package dev.tenantwave.catalog.tenant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TenantRepository extends CrudRepository<TenantRow, String> {

  /** Locks the row: writes to one tenant are serialized, so outbox ids follow commit order per tenant. */
  @Query("SELECT * FROM tenants WHERE id = :id FOR UPDATE")
  Optional<TenantRow> findByIdForUpdate(String id);

  @Query("SELECT * FROM tenants WHERE id = ANY(CAST(:ids AS text[])) ORDER BY id FOR UPDATE")
  List<TenantRow> lockAll(String[] ids);

  @Query("""
      SELECT * FROM tenants
      WHERE (CAST(:region AS text) IS NULL OR region = :region)
        AND (CAST(:tier AS text) IS NULL OR tier = :tier)
        AND (CAST(:track AS text) IS NULL OR track = :track)
        AND (CAST(:cell AS text) IS NULL OR cell = :cell)
        AND (CAST(:status AS text) IS NULL OR status = :status)
        AND (CAST(:flag AS text) IS NULL OR (CAST(flags AS jsonb) ->> CAST(:flag AS text)) = CAST(:flagValue AS text))
        AND id > :after
      ORDER BY id
      LIMIT :limit""")
  List<TenantRow> search(@Nullable String region, @Nullable String tier, @Nullable String track,
                         @Nullable String cell, @Nullable String status, @Nullable String flag,
                         @Nullable String flagValue, String after, int limit);

  long countByCell(String cell);

  /** The cell's tenants outside the given region. */
  long countByCellAndRegionNotEqual(String cell, String region);

  long countByCluster(String cluster);

  long countByRegion(String region);

  long countByClusterAndTenancy(String cluster, String tenancy);

  List<TenantRow> findByIdIn(Collection<String> ids);
}
