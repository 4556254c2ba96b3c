package dev.tenantwave.catalog.outbox;

import dev.tenantwave.events.Topics;
import dev.tenantwave.messaging.Outbox;
import dev.tenantwave.messaging.OutboxMessage;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Appends the tenant's full snapshot (or a tombstone) to the outbox in the caller's transaction. The relay turns
 * rows into {@code tenant.catalog.v1} records in id order; row locks on the tenant make id order its commit order.
 */
@Singleton
public class CatalogOutbox {

  private final Outbox outbox;
  private final JdbcOperations jdbc;

  public CatalogOutbox(Outbox outbox, JdbcOperations jdbc) {
    this.outbox = outbox;
    this.jdbc = jdbc;
  }

  public void tenantChanged(TenantChanged tenant) {
    append(List.of(OutboxMessage.of(Topics.TENANT_CATALOG, tenant.tenantId(), tenant.snapshot())));
  }

  public void tenantDeleted(String tenantId) {
    append(List.of(OutboxMessage.tombstone(Topics.TENANT_CATALOG, tenantId)));
  }

  /** One statement for a whole bulk import: row-by-row inserts would dominate its time. */
  public void tenantsChanged(List<TenantChanged> tenants) {
    append(tenants.stream()
        .map(t -> OutboxMessage.of(Topics.TENANT_CATALOG, t.tenantId(), t.snapshot()))
        .toList());
  }

  private void append(List<OutboxMessage> messages) {
    jdbc.execute(connection -> {
      outbox.append(connection, messages);
      return null;
    });
  }
}
