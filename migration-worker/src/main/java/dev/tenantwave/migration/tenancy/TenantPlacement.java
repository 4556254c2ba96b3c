package dev.tenantwave.migration.tenancy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a tenant's data lives, as the catalog says: region, tenancy model, database cluster, database and, for
 * SCHEMA tenants, schema. Database and schema names are validated here because they end up in SQL.
 */
public record TenantPlacement(
    String tenantId, String region, TenancyModel model, String cluster, String database, String schema) {

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public TenantPlacement {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(cluster, "cluster");
    requireName("database", database);
    if (model == TenancyModel.SCHEMA) {
      requireName("schema", schema);
    } else {
      schema = null;
    }
  }

  /** The database, on its cluster: where DDL that POOLED tenants share runs once. */
  public String databaseKey() {
    return cluster + "/" + database;
  }

  private static void requireName(String what, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " name '" + value + "' is not a plain lower-case identifier matching " + NAME);
    }
  }
}
