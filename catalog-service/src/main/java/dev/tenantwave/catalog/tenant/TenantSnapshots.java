package dev.tenantwave.catalog.tenant;

import dev.tenantwave.catalog.outbox.TenantChanged;
import dev.tenantwave.events.MaintenanceWindow;
import dev.tenantwave.events.ReleaseTrack;
import dev.tenantwave.events.TenancyModel;
import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.TenantIntegration;
import dev.tenantwave.events.TenantStatus;
import dev.tenantwave.events.TenantTier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A committed tenant as its {@code tenant.catalog.v1} snapshot. */
final class TenantSnapshots {

  private TenantSnapshots() {}

  /** The change a committed tenant (its version and jurisdiction set) announces. */
  static TenantChanged changed(Tenant t, Instant changedAt) {
    List<TenantIntegration> integrations = t.integrations().stream()
        .map(i -> new TenantIntegration(i.name(), i.apiVersion())).toList();
    List<MaintenanceWindow> windows = t.maintenanceWindows().stream()
        .map(w -> new MaintenanceWindow(List.copyOf(w.days()), w.start(), w.end(), w.zone())).toList();
    return new TenantChanged(TenantCatalogEntry.newBuilder()
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
        .setFlags(Map.copyOf(t.flags()))
        .setIntegrations(integrations)
        .setMaintenanceWindows(windows)
        .setOwner(t.owner())
        .setStatus(TenantStatus.valueOf(t.status()))
        .setChangedAt(changedAt)
        .build());
  }
}
