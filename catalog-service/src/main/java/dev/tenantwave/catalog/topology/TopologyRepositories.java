package dev.tenantwave.catalog.topology;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** Plain CRUD on the small topology tables. */
public final class TopologyRepositories {

  private TopologyRepositories() {}

  @JdbcRepository(dialect = Dialect.POSTGRES)
  public interface RegionRepository extends CrudRepository<Region, String> {}

  @JdbcRepository(dialect = Dialect.POSTGRES)
  public interface CellRepository extends CrudRepository<Cell, String> {
    long countByRegion(String region);
  }

  @JdbcRepository(dialect = Dialect.POSTGRES)
  public interface ClusterRepository extends CrudRepository<DatabaseCluster, String> {
    long countByRegion(String region);
  }
}
