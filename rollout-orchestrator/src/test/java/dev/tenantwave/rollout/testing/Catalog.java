package dev.tenantwave.rollout.testing;

import dev.tenantwave.events.ReleaseTrack;
import dev.tenantwave.events.TenancyModel;
import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.TenantStatus;
import dev.tenantwave.events.TenantTier;
import dev.tenantwave.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Catalog snapshots written straight to {@code tenant.catalog.v1}, as the catalog's relay would. */
public final class Catalog {

  private Catalog() {}

  /**
   * A tenant flagged with its test run ({@code run: true}), so that a plan's cohorts can select only this run's
   * tenants of a catalog topic that other tests share.
   */
  public static TenantCatalogEntry tenant(String run, String id, String region, ReleaseTrack track, TenantTier tier,
      TenancyModel tenancy, TenantStatus status) {
    return TenantCatalogEntry.newBuilder()
        .setEventId(UUID.randomUUID()).setVersion(1).setTenantId(id).setDisplayName(id)
        .setTier(tier).setTrack(track).setRegion(region).setJurisdiction(region.startsWith("eu") ? "EU" : "US")
        .setCell(region + "-1").setTenancy(tenancy).setCluster("pg-" + region + "-a").setDatabase("crm")
        .setSchema$(tenancy == TenancyModel.POOLED ? null : "t_" + id.replace('-', '_'))
        .setFlags(Map.of(run, true)).setIntegrations(List.of()).setMaintenanceWindows(List.of()).setOwner("team")
        .setStatus(status).setChangedAt(Instant.now()).build();
  }

  public static void publish(StandIn standIn, TenantCatalogEntry entry) {
    standIn.send(Topics.TENANT_CATALOG.name(), entry.getTenantId(), entry);
  }
}
