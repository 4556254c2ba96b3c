package dev.tenantwave.migration.database;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HikariCP pool per cluster, database and login, opened on first use and sized to the cluster's concurrency.
 * Every connection says it is the migration worker (application_name), which the pressure probe relies on. Pools
 * are held in a Caffeine cache: one unused for the idle timeout, or the least used beyond the maximum, is closed
 * with its housekeeping thread (a dropped database's pool goes too). A pool still lending a connection when it is
 * dropped closes once that connection is back, so no statement is cut off.
 */
public class ConnectionPools implements AutoCloseable {

  public static final String APPLICATION_NAME = "tenantwave-migration";
  public static final int DEFAULT_MAX_OPEN = 64;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionPools.class);
  private static final Duration RETIRE_CHECK = Duration.ofSeconds(1);

  private final Map<String, ClusterSettings> clusters;
  private final Cache<String, HikariDataSource> pools;
  private final Set<HikariDataSource> retiring = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "tw-pool-reaper");
    thread.setDaemon(true);
    return thread;
  });

  public ConnectionPools(Map<String, ClusterSettings> clusters) {
    this(clusters, DEFAULT_MAX_OPEN, DEFAULT_IDLE_TIMEOUT);
  }

  public ConnectionPools(Map<String, ClusterSettings> clusters, int maxOpen, Duration idleTimeout) {
    if (maxOpen < 1) {
      throw new IllegalArgumentException("max-open-pools must be at least 1, was " + maxOpen);
    }
    this.clusters = Map.copyOf(clusters);
    this.pools = Caffeine.newBuilder()
        .maximumSize(maxOpen)
        .expireAfterAccess(idleTimeout)
        .scheduler(Scheduler.forScheduledExecutorService(reaper))
        .executor(Runnable::run)
        .<String, HikariDataSource>removalListener((key, pool, cause) -> retire(key, pool, cause))
        .build();
    reaper.scheduleWithFixedDelay(this::closeRetired, RETIRE_CHECK.toMillis(), RETIRE_CHECK.toMillis(),
        TimeUnit.MILLISECONDS);
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

  /** Pools open now, including dropped ones still lending a connection. */
  public int openPools() {
    pools.cleanUp();
    return (int) pools.estimatedSize() + retiring.size();
  }

  private DataSource pool(ClusterSettings settings, String database, String user, String password) {
    return pools.get(settings.id() + "/" + database + "/" + user, key -> {
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

  private void retire(String key, HikariDataSource pool, RemovalCause cause) {
    if (pool == null) {
      return;
    }
    LOG.debug("Closing connection pool {} ({})", key, cause);
    retiring.add(pool);
    closeRetired();
  }

  private void closeRetired() {
    for (HikariDataSource pool : retiring) {
      var bean = pool.getHikariPoolMXBean();
      if (pool.isClosed() || bean == null || bean.getActiveConnections() == 0) {
        pool.close();
        retiring.remove(pool);
      }
    }
  }

  /** Closes every pool; connections in use are closed under their statements. */
  @Override
  public void close() {
    reaper.shutdownNow();
    pools.asMap().values().forEach(HikariDataSource::close);
    pools.invalidateAll();
    retiring.forEach(HikariDataSource::close);
    retiring.clear();
  }
}
