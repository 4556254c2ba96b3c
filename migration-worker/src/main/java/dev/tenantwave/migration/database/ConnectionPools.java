package dev.tenantwave.migration.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * One HikariCP pool per cluster, database and login, opened on first use and sized to the cluster's concurrency.
 * Every connection says it is the migration worker (application_name), which the pressure probe relies on.
 */
public class ConnectionPools implements AutoCloseable {

  public static final String APPLICATION_NAME = "tenantwave-migration";

  private final Map<String, ClusterSettings> clusters;
  private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();

  public ConnectionPools(Map<String, ClusterSettings> clusters) {
    this.clusters = Map.copyOf(clusters);
  }

  /** The login that owns the tenant's tables: DDL, history, SCHEMA and DATABASE backfills. */
  public DataSource owner(String cluster, String database) {
    ClusterSettings settings = cluster(cluster);
    return pool(settings, database, settings.username(), settings.password());
  }

  /** The login that row-level security binds: POOLED backfills. */
  public DataSource runtime(String cluster, String database) {
    ClusterSettings settings = cluster(cluster);
    if (settings.runtimeUsername() == null) {
      throw new IllegalStateException("cluster " + cluster + " has no runtime-username: POOLED backfills must run as"
          + " a role without BYPASSRLS (tenantwave.migration.clusters." + cluster + ".runtime-username)");
    }
    return pool(settings, database, settings.runtimeUsername(), settings.runtimePassword());
  }

  public ClusterSettings cluster(String cluster) {
    ClusterSettings settings = clusters.get(cluster);
    if (settings == null) {
      throw new IllegalStateException("no connection settings for database cluster '" + cluster
          + "' (tenantwave.migration.clusters." + cluster + ".jdbc-url); known: " + clusters.keySet());
    }
    return settings;
  }

  public Map<String, ClusterSettings> clusters() {
    return clusters;
  }

  private DataSource pool(ClusterSettings settings, String database, String user, String password) {
    return pools.computeIfAbsent(settings.id() + "/" + database + "/" + user, key -> {
      HikariConfig config = new HikariConfig();
      config.setPoolName("tw-" + key.replace('/', '-'));
      config.setJdbcUrl(settings.urlFor(database));
      config.setUsername(user);
      config.setPassword(password);
      config.setAutoCommit(false);
      config.setMaximumPoolSize(settings.maxPoolSize());
      config.setMinimumIdle(0);
      config.setIdleTimeout(30_000);
      config.setConnectionTimeout(10_000);
      config.setInitializationFailTimeout(-1);
      config.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
      return new HikariDataSource(config);
    });
  }

  /** Closes every pool; connections in use are closed under their statements. */
  @Override
  public void close() {
    pools.values().forEach(HikariDataSource::close);
    pools.clear();
  }
}
