package dev.tenantwave.catalog.tenant;

import dev.tenantwave.catalog.audit.CatalogAudit.Change;
import dev.tenantwave.catalog.audit.CatalogAudit.EntityType;
import io.micronaut.core.annotation.Nullable;

/** A tenant's change as an audit line. The audit shows the tenant as the API does, so readers of both see one shape. */
final class TenantAuditChanges {

  private TenantAuditChanges() {}

  static Change of(String action, String id, @Nullable Tenant before, @Nullable Tenant after) {
    return new Change(action, EntityType.TENANT, id, before == null ? null : TenantDocument.of(before),
        after == null ? null : TenantDocument.of(after));
  }
}
