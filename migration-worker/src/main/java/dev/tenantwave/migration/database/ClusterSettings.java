package dev.tenantwave.migration.database;

import java.util.Objects;

/**
 * How the worker reaches one database cluster: a JDBC URL (with {@code {database}} where the database name goes,
 * or without a database, in which case {@code /<database>} is appended), the owner login that runs DDL, and the
 * runtime login without BYPASSRLS that runs POOLED backfills under row-level security.
 */
public record ClusterSettings(
    String id, String jdbcUrl, String username, String password, String runtimeUsername, String runtimePassword,
    int maxPoolSize) {

  public ClusterSettings {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(jdbcUrl, "jdbc-url of cluster " + id);
    Objects.requireNonNull(username, "username of cluster " + id);
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("max-pool-size of cluster " + id + " must be at least 1");
    }
  }

  public String urlFor(String database) {
    if (jdbcUrl.contains("{database}")) {
      return jdbcUrl.replace("{database}", database);
    }
    int query = jdbcUrl.indexOf('?');
    String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    String params = query < 0 ? "" : jdbcUrl.substring(query);
    return (base.endsWith("/") ? base : base + "/") + database + params;
  }
}
