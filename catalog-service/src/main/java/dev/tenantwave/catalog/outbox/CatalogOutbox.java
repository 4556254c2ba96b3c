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
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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

  private final OutboxRepository repository;
  private final JdbcOperations jdbc;

  public CatalogOutbox(OutboxRepository repository, JdbcOperations jdbc) {
    this.repository = repository;
    this.jdbc = jdbc;
  }

  public void tenantChanged(TenantDocument tenant) {
    repository.save(row(tenant.id(), encode(snapshot(tenant, Instant.now()))));
  }

  public void tenantDeleted(String tenantId) {
    repository.save(row(tenantId, null));
  }

  /** One statement for a whole bulk import: row-by-row inserts would dominate its time. */
  public void tenantsChanged(List<TenantDocument> tenants) {
    Instant now = Instant.now();
    String[] keys = new String[tenants.size()];
    byte[][] payloads = new byte[tenants.size()][];
    for (int i = 0; i < tenants.size(); i++) {
      keys[i] = tenants.get(i).id();
      payloads[i] = encode(snapshot(tenants.get(i), now));
    }
    jdbc.prepareStatement("INSERT INTO outbox (topic, message_key, payload) "
        + "SELECT ?, k, p FROM unnest(?::text[], ?::bytea[]) WITH ORDINALITY AS u(k, p, n) ORDER BY n", s -> {
          s.setString(1, Topics.TENANT_CATALOG.name());
          s.setArray(2, s.getConnection().createArrayOf("text", keys));
          s.setArray(3, s.getConnection().createArrayOf("bytea", payloads));
          return s.executeUpdate();
        });
  }

  private static OutboxRow row(String tenantId, byte[] payload) {
    return new OutboxRow(null, Topics.TENANT_CATALOG.name(), tenantId, payload, Instant.now(), null);
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

  static byte[] encode(TenantCatalogEntry entry) {
    try {
      ByteBuffer buffer = entry.toByteBuffer();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TenantCatalogEntry decode(byte[] payload) {
    try {
      return TenantCatalogEntry.fromByteBuffer(ByteBuffer.wrap(payload));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
