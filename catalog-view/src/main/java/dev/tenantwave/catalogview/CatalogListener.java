package dev.tenantwave.catalogview;

import dev.tenantwave.events.TenantCatalogEntry;

/** Told about every change the view applies, on the view's thread: keep it short, hand heavy work off. */
@FunctionalInterface
public interface CatalogListener {

  /**
   * @param tenantId the tenant that changed
   * @param before   its entry before, null when it is new
   * @param after    its entry now, null when it was deleted
   */
  void onChange(String tenantId, TenantCatalogEntry before, TenantCatalogEntry after);
}
