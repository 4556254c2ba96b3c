package dev.tenantwave.migration.config;

import dev.tenantwave.migration.database.ClusterSettings;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * {@code tenantwave.migration.clusters.<id>.*}: how to reach one database cluster. The catalog names clusters;
 * only the worker's configuration holds their addresses and logins.
 */
@EachProperty("tenantwave.migration.clusters")
public class ClusterConfig {

  private final String id;
  /** e.g. jdbc:postgresql://pg-eu-west-a:5432/{database} */
  private String jdbcUrl;
  /** Owner login: DDL and history. */
  private String username;
  private String password;
  /** Runtime login without BYPASSRLS: POOLED backfills. */
  private String runtimeUsername;
  private String runtimePassword;
  private int maxPoolSize = 10;

  public ClusterConfig(@Parameter String id) {
    this.id = id;
  }

  public ClusterSettings toSettings() {
    return new ClusterSettings(id, jdbcUrl, username, password, runtimeUsername, runtimePassword, maxPoolSize);
  }

  public String getId() { return id; }
  public String getJdbcUrl() { return jdbcUrl; }
  public void setJdbcUrl(String jdbcUrl) { this.jdbcUrl = jdbcUrl; }
  public String getUsername() { return username; }
  public void setUsername(String username) { this.username = username; }
  public String getPassword() { return password; }
  public void setPassword(String password) { this.password = password; }
  public String getRuntimeUsername() { return runtimeUsername; }
  public void setRuntimeUsername(String runtimeUsername) { this.runtimeUsername = runtimeUsername; }
  public String getRuntimePassword() { return runtimePassword; }
  public void setRuntimePassword(String runtimePassword) { this.runtimePassword = runtimePassword; }
  public int getMaxPoolSize() { return maxPoolSize; }
  public void setMaxPoolSize(int maxPoolSize) { this.maxPoolSize = maxPoolSize; }
}
