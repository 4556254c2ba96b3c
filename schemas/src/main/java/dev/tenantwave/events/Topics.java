package dev.tenantwave.events;

import dev.tenantwave.events.Topic.CleanupPolicy;
import java.time.Duration;
import java.util.List;

/** Every topic of the contract, in one place. No topic name appears anywhere else in the code base. */
public final class Topics {

  /** Partitions of every topic: enough to spread a fleet over several instances, few enough for one broker. */
  public static final int DEFAULT_PARTITIONS = 6;

  /** Names for annotations, which need constants (micronaut-kafka's {@code @Topic}). */
  public static final String MIGRATION_PROGRESS_NAME = "migration.progress.v1";
  public static final String GATE_VERDICTS_NAME = "gate.verdicts.v1";

  public static final Topic<TenantCatalogEntry> TENANT_CATALOG =
      new Topic<>("tenant.catalog.v1", TenantCatalogEntry.class, "tenantId", CleanupPolicy.COMPACT, DEFAULT_PARTITIONS);
  public static final Topic<CohortPromotionRequested> ROLLOUT_PROMOTIONS =
      new Topic<>("rollout.promotions.v1", CohortPromotionRequested.class, "releaseId", CleanupPolicy.DELETE, DEFAULT_PARTITIONS);
  public static final Topic<TenantMigrationRequested> MIGRATION_COMMANDS =
      new Topic<>("migration.commands.v1", TenantMigrationRequested.class, "tenantId", CleanupPolicy.DELETE, DEFAULT_PARTITIONS);
  public static final Topic<TenantMigrationProgress> MIGRATION_PROGRESS =
      new Topic<>(MIGRATION_PROGRESS_NAME, TenantMigrationProgress.class, "tenantId", CleanupPolicy.DELETE, DEFAULT_PARTITIONS);
  public static final Topic<TenantRequestMetrics> TENANT_METRICS =
      new Topic<>("tenant.metrics.v1", TenantRequestMetrics.class, "tenantId", CleanupPolicy.DELETE, DEFAULT_PARTITIONS);
  public static final Topic<GateVerdict> GATE_VERDICTS =
      new Topic<>(GATE_VERDICTS_NAME, GateVerdict.class, "tenantId", CleanupPolicy.DELETE, DEFAULT_PARTITIONS);
  /** Windows are for charts (the console reads 30 min back): a day is plenty. */
  public static final Topic<GateWindow> GATE_WINDOWS =
      new Topic<>("gate.windows.v1", GateWindow.class, "tenantId", CleanupPolicy.DELETE, DEFAULT_PARTITIONS)
          .withRetention(Duration.ofDays(1));
  public static final Topic<TenantReleaseState> RELEASE_TENANT_STATE =
      new Topic<>("release.tenant-state.v1", TenantReleaseState.class, "tenantId", CleanupPolicy.COMPACT, DEFAULT_PARTITIONS);
  public static final Topic<ReleaseStatus> RELEASE_STATUS =
      new Topic<>("release.status.v1", ReleaseStatus.class, "releaseId", CleanupPolicy.COMPACT, DEFAULT_PARTITIONS);

  private static final List<Topic<?>> ALL = List.of(
      TENANT_CATALOG, ROLLOUT_PROMOTIONS, MIGRATION_COMMANDS, MIGRATION_PROGRESS,
      TENANT_METRICS, GATE_VERDICTS, GATE_WINDOWS, RELEASE_TENANT_STATE, RELEASE_STATUS);

  private Topics() {}

  public static List<Topic<?>> all() {
    return ALL;
  }

  /** The topic with this name, or its dead-letter topic's source. */
  public static Topic<?> byName(String name) {
    String base = name.endsWith(Topic.DLQ_SUFFIX) ? name.substring(0, name.length() - Topic.DLQ_SUFFIX.length()) : name;
    return ALL.stream().filter(t -> t.name().equals(base)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "Unknown topic '" + name + "'. Known topics: " + ALL.stream().map(Topic::name).toList()));
  }
}
