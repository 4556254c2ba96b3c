package dev.tenantwave.catalog.outbox;

import dev.tenantwave.catalog.tenant.TenantDocument;
import dev.tenantwave.events.MaintenanceWindow;
import dev.tenantwave.events.ReleaseTrack;
import dev.tenantwave.events.TenancyModel;
import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.TenantIntegration;
import dev.tenantwave.events.TenantStatus;
import dev.tenantwave.events.TenantTier;
import dev.tenantwave.events.Topics;
import dev.tenantwave.messaging.Outbox;
import dev.tenantwave.messaging.OutboxMessage;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

  public void tenantChanged(TenantDocument tenant) {
    append(List.of(OutboxMessage.of(Topics.TENANT_CATALOG, tenant.id(), snapshot(tenant, Instant.now()))));
  }

  public void tenantDeleted(String tenantId) {
    append(List.of(OutboxMessage.tombstone(Topics.TENANT_CATALOG, tenantId)));
  }

  /** One statement for a whole bulk import: row-by-row inserts would dominate its time. */
  public void tenantsChanged(List<TenantDocument> tenants) {
    Instant now = Instant.now();
    append(tenants.stream()
        .map(t -> OutboxMessage.of(Topics.TENANT_CATALOG, t.id(), snapshot(t, now)))
        .toList());
  }

  private void append(List<OutboxMessage> messages) {
    jdbc.execute(connection -> {
      outbox.append(connection, messages);
      return null;
    });
  }

  /** The event for a committed tenant document (its version and jurisdiction already set). */
  public static TenantCatalogEntry snapshot(TenantDocument t, Instant changedAt) {
    List<TenantIntegration> integrations = t.integrations() == null ? List.of() : t.integrations().stream()
        .map(i -> new TenantIntegration(i.name(), i.apiVersion())).toList();
    List<MaintenanceWindow> windows = t.maintenanceWindows() == null ? List.of() : t.maintenanceWindows().stream()
        .map(w -> new MaintenanceWindow(List.copyOf(w.days()), w.start(), w.end(), w.zone())).toList();
    return TenantCatalogEntry.newBuilder()
        .setEventId(UUID.randomUUID())
        .setVersion(t.version())
        .setTenantId(t.id())
        .setDisplayName(t.displayName())
        .setTier(TenantTier.valueOf(t.tier()))
        .setTrack(ReleaseTrack.valueOf(t.track()))
        .setRegion(t.region())
        .setJurisdiction(t.jurisdiction())
        .setCell(t.cell())
        .setTenancy(TenancyModel.valueOf(t.tenancy()))
        .setCluster(t.cluster())
        .setDatabase(t.database())
        .setSchema$(t.schema())
        .setFlags(t.flags() == null ? Map.of() : Map.copyOf(t.flags()))
        .setIntegrations(integrations)
        .setMaintenanceWindows(windows)
        .setOwner(t.owner())
        .setStatus(TenantStatus.valueOf(t.status()))
        .setChangedAt(changedAt)
        .build();
  }
}
