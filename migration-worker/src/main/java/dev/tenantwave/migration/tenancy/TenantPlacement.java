package dev.tenantwave.migration.tenancy;

import dev.tenantwave.service.placement.Placement;
import dev.tenantwave.service.placement.PlacementRule;
import java.util.Objects;

/**
 * Where a tenant's data lives, as the catalog says: region, tenancy model, database cluster, database and, for
 * SCHEMA tenants, schema. The tenant id and the names are checked here against {@link PlacementRule}'s shapes
 * because they end up in SQL; whether the place is allowed at all is {@link PlacementGuard}'s question.
 */
public record TenantPlacement(
    String tenantId, String region, TenancyModel model, String cluster, String database, String schema) {

  public TenantPlacement {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(cluster, "cluster");
    require(PlacementRule.tenantIdShape(tenantId).map(PlacementRule.Refusal::detail).orElse(null));
    require(PlacementRule.identifierShape("database", database).map(PlacementRule.Refusal::detail).orElse(null));
    if (model == TenancyModel.SCHEMA) {
      require(PlacementRule.identifierShape("schema", schema).map(PlacementRule.Refusal::detail).orElse(null));
    } else {
      schema = null;
    }
  }

  /** The placement as the shared rule sees it. */
  public Placement asPlacement() {
    return new Placement(tenantId, model.name(), cluster, database, schema);
  }

  /** The database, on its cluster: where DDL that POOLED tenants share runs once. */
  public String databaseKey() {
    return cluster + "/" + database;
  }

  private static void require(String problem) {
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }
}
