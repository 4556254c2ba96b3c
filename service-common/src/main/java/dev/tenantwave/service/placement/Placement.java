package dev.tenantwave.service.placement;

/**
 * Where a tenant's data lives, as far as two tenants can collide: its tenancy model ({@code POOLED}, {@code SCHEMA}
 * or {@code DATABASE}), the database cluster, the database and, for SCHEMA tenants, the schema.
 */
public record Placement(String tenantId, String tenancy, String cluster, String database, String schema) {

  public static final String POOLED = "POOLED";
  public static final String SCHEMA = "SCHEMA";
  public static final String DATABASE = "DATABASE";

  boolean sameDatabaseAs(Placement other) {
    return cluster != null && cluster.equals(other.cluster) && database != null && database.equals(other.database);
  }

  String where() {
    return "database '" + database + "' on cluster '" + cluster + "'";
  }
}
