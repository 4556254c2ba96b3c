package dev.tenantwave.catalog.outbox;

import dev.tenantwave.events.TenantCatalogEntry;

/** A tenant's committed state (its version and jurisdiction set), as the catalog announces it. */
public record TenantChanged(TenantCatalogEntry snapshot) {

  public String tenantId() {
    return snapshot.getTenantId();
  }
}
