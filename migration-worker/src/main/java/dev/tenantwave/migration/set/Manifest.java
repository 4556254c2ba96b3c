package dev.tenantwave.migration.set;

import java.util.Properties;
import java.util.regex.Pattern;

/**
 * What the worker needs to know about a set beyond its SQL: the table and key the backfill walks in keyset
 * order, and the column that holds the tenant id.
 */
public record Manifest(String name, String description, String backfillTable, String backfillKey, String tenantColumn) {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public Manifest {
    requireIdentifier("backfill.table", backfillTable);
    requireIdentifier("backfill.key", backfillKey);
    requireIdentifier("backfill.tenant-column", tenantColumn);
  }

  public static Manifest parse(String setName, Properties properties) {
    String name = properties.getProperty("name", setName);
    if (!name.equals(setName)) {
      throw new InvalidMigrationSetException(
          "manifest of '" + setName + "' names it '" + name + "'; the folder name and the manifest name must agree");
    }
    return new Manifest(name, properties.getProperty("description", ""),
        properties.getProperty("backfill.table"), properties.getProperty("backfill.key", "id"),
        properties.getProperty("backfill.tenant-column", "tenant_id"));
  }

  private static void requireIdentifier(String key, String value) {
    if (value == null || !IDENTIFIER.matcher(value).matches()) {
      throw new InvalidMigrationSetException(
          "manifest " + key + " must be a lower-case SQL identifier matching " + IDENTIFIER + ", was '" + value + "'");
    }
  }
}
