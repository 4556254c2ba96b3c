package dev.tenantwave.catalog.outbox;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OutboxRepository extends GenericRepository<OutboxRow, Long> {

  OutboxRow save(OutboxRow row);

  Iterable<OutboxRow> saveAll(Iterable<OutboxRow> rows);
}
