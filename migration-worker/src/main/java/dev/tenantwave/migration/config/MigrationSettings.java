package dev.tenantwave.migration.config;

import dev.tenantwave.migration.backfill.BackfillSettings;
import dev.tenantwave.migration.database.Timeouts;
import dev.tenantwave.migration.run.FleetLimits;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/**
 * {@code tenantwave.migration.*}: what this worker serves and how hard it may push the databases. The defaults are
 * the core's ({@link FleetLimits}, {@link Timeouts#DEFAULT}, {@link BackfillSettings#DEFAULT}), written only there.
 */
@ConfigurationProperties("tenantwave.migration")
public class MigrationSettings {

  /** Regions whose tenants this worker may touch; a command for any other tenant fails before any SQL. */
  private List<String> regions = List.of("eu-west");
  private int globalConcurrency = FleetLimits.DEFAULT_GLOBAL;
  private int perClusterConcurrency = FleetLimits.DEFAULT_PER_CLUSTER;
  private Duration lockTimeout = Timeouts.DEFAULT.lockTimeout();
  private Duration statementTimeout = Timeouts.DEFAULT.statementTimeout();
  /** A directory of migration sets, searched before the classpath's {@code migrations/}. */
  private String migrationsDirectory;
  private long targetBatchMillis = BackfillSettings.DEFAULT.targetBatchMillis();
  private int minBatchSize = BackfillSettings.DEFAULT.minBatchSize();
  private int maxBatchSize = BackfillSettings.DEFAULT.maxBatchSize();
  private boolean throttle = BackfillSettings.DEFAULT.throttle();
  /** While a foreground is active, the most of the time a database's backfills may work (gh-ost's nice ratio). */
  private double throttleForegroundDuty = BackfillSettings.DEFAULT.foregroundDuty();
  private boolean consumerEnabled = true;
  private String consumerGroup = "migration-worker";
  private String tenantColumn = "tenant_id";

  public List<String> getRegions() { return regions; }
  public void setRegions(List<String> regions) { this.regions = regions; }
  public int getGlobalConcurrency() { return globalConcurrency; }
  public void setGlobalConcurrency(int globalConcurrency) { this.globalConcurrency = globalConcurrency; }
  public int getPerClusterConcurrency() { return perClusterConcurrency; }
  public void setPerClusterConcurrency(int perClusterConcurrency) { this.perClusterConcurrency = perClusterConcurrency; }
  public Duration getLockTimeout() { return lockTimeout; }
  public void setLockTimeout(Duration lockTimeout) { this.lockTimeout = lockTimeout; }
  public Duration getStatementTimeout() { return statementTimeout; }
  public void setStatementTimeout(Duration statementTimeout) { this.statementTimeout = statementTimeout; }
  public String getMigrationsDirectory() { return migrationsDirectory; }
  public void setMigrationsDirectory(String migrationsDirectory) { this.migrationsDirectory = migrationsDirectory; }
  public long getTargetBatchMillis() { return targetBatchMillis; }
  public void setTargetBatchMillis(long targetBatchMillis) { this.targetBatchMillis = targetBatchMillis; }
  public int getMinBatchSize() { return minBatchSize; }
  public void setMinBatchSize(int minBatchSize) { this.minBatchSize = minBatchSize; }
  public int getMaxBatchSize() { return maxBatchSize; }
  public void setMaxBatchSize(int maxBatchSize) { this.maxBatchSize = maxBatchSize; }
  public boolean isThrottle() { return throttle; }
  public void setThrottle(boolean throttle) { this.throttle = throttle; }
  public double getThrottleForegroundDuty() { return throttleForegroundDuty; }
  public void setThrottleForegroundDuty(double throttleForegroundDuty) {
    this.throttleForegroundDuty = throttleForegroundDuty;
  }
  public boolean isConsumerEnabled() { return consumerEnabled; }
  public void setConsumerEnabled(boolean consumerEnabled) { this.consumerEnabled = consumerEnabled; }
  public String getConsumerGroup() { return consumerGroup; }
  public void setConsumerGroup(String consumerGroup) { this.consumerGroup = consumerGroup; }
  public String getTenantColumn() { return tenantColumn; }
  public void setTenantColumn(String tenantColumn) { this.tenantColumn = tenantColumn; }
}
