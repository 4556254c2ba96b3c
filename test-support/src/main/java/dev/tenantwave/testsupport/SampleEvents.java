package dev.tenantwave.testsupport;

import dev.tenantwave.events.CohortPromotionRequested;
import dev.tenantwave.events.GateSpec;
import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.GateWindow;
import dev.tenantwave.events.LatencySketch;
import dev.tenantwave.events.MaintenanceWindow;
import dev.tenantwave.events.MigrationPhase;
import dev.tenantwave.events.MigrationState;
import dev.tenantwave.events.RegionProgress;
import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.ReleaseState;
import dev.tenantwave.events.ReleaseStatus;
import dev.tenantwave.events.ReleaseTrack;
import dev.tenantwave.events.TenancyModel;
import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.TenantIntegration;
import dev.tenantwave.events.TenantMigrationProgress;
import dev.tenantwave.events.TenantMigrationRequested;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.TenantRolloutState;
import dev.tenantwave.events.TenantStatus;
import dev.tenantwave.events.TenantTier;
import dev.tenantwave.events.Topic;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.VerdictOutcome;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/** One realistic event per topic, every optional field set, so a round trip exercises every type of the schema. */
public final class SampleEvents {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private static final String TENANT = "acme-eu";
  private static final String RELEASE = "rel-2025-06-crm-42";

  private SampleEvents() {}

  /** The key the topic would carry for the sample. */
  public static String keyOf(Topic<?> topic) {
    return topic.keyDescription().equals("releaseId") ? RELEASE : TENANT;
  }

  public static SpecificRecord of(Topic<?> topic) {
    return switch (topic.name()) {
      case "tenant.catalog.v1" -> catalogEntry();
      case "rollout.promotions.v1" -> promotion();
      case "migration.commands.v1" -> migrationCommand();
      case "migration.progress.v1" -> migrationProgress();
      case "tenant.metrics.v1" -> metrics();
      case "gate.verdicts.v1" -> verdict();
      case "gate.windows.v1" -> window();
      case "release.tenant-state.v1" -> tenantState();
      case "release.status.v1" -> releaseStatus();
      default -> throw new IllegalArgumentException("No sample for " + topic.name() + "; add one");
    };
  }

  public static TenantCatalogEntry catalogEntry() {
    return TenantCatalogEntry.newBuilder()
        .setEventId(UUID.randomUUID()).setVersion(3).setTenantId(TENANT).setDisplayName("Acme GmbH")
        .setTier(TenantTier.ENTERPRISE).setTrack(ReleaseTrack.GENERAL)
        .setRegion("eu-west").setJurisdiction("EU").setCell("eu-west-1").setTenancy(TenancyModel.SCHEMA)
        .setCluster("pg-eu-west-a").setDatabase("crm").setSchema$("t_acme_eu")
        .setFlags(Map.of("new-pipeline", true, "dark-mode", false))
        .setIntegrations(List.of(new TenantIntegration("salesforce-sync", "v2")))
        .setMaintenanceWindows(List.of(new MaintenanceWindow(List.of("SAT", "SUN"), "02:00", "06:00", "Europe/Berlin")))
        .setOwner("team-dach").setStatus(TenantStatus.ACTIVE).setChangedAt(NOW)
        .build();
  }

  public static CohortPromotionRequested promotion() {
    return CohortPromotionRequested.newBuilder()
        .setEventId(UUID.randomUUID()).setSequence(7).setReleaseId(RELEASE).setRegion("eu-west").setWave(2)
        .setCohort("smb-5pct").setTenantIds(List.of(TENANT, "globex-eu", "initech-eu")).setPhase(ReleasePhase.EXPAND)
        .setRequestedAt(NOW)
        .build();
  }

  public static TenantMigrationRequested migrationCommand() {
    return TenantMigrationRequested.newBuilder()
        .setEventId(UUID.randomUUID()).setSequence(12).setReleaseId(RELEASE).setTenantId(TENANT)
        .setMigrationSet("2025-06-add-invoice-currency").setPhase(MigrationPhase.MIGRATE).setAttempt(2)
        .setRequestedAt(NOW)
        .build();
  }

  public static TenantMigrationProgress migrationProgress() {
    return TenantMigrationProgress.newBuilder()
        .setEventId(UUID.randomUUID()).setSequence(5).setCommandId(UUID.randomUUID()).setReleaseId(RELEASE)
        .setTenantId(TENANT).setMigrationSet("2025-06-add-invoice-currency").setPhase(MigrationPhase.MIGRATE)
        .setState(MigrationState.RETRYING).setRowsDone(120_000).setRowsTotal(480_000L).setRowsPerSecond(15_250.5)
        .setBatchMillis(180L).setDurationMillis(8_400).setAttempt(2)
        .setError("canceling statement due to lock timeout").setChecksum("sha256:9f86d081884c7d65")
        .setAt(NOW)
        .build();
  }

  public static TenantRequestMetrics metrics() {
    return TenantRequestMetrics.newBuilder()
        .setEventId(UUID.randomUUID()).setSequence(9_001).setTenantId(TENANT).setService("invoice-api")
        .setInstance("invoice-api-7c9f-2").setAppVersion("4.18.0")
        .setWindowStart(NOW.minusSeconds(5)).setWindowEnd(NOW)
        .setRequests(1_250).setStatus4xx(31).setStatus5xx(4).setTimeouts(1)
        .setLatency(LatencySketch.newBuilder().setRelativeAccuracy(0.01)
            .setIndexes(List.of(230, 231, 260, 345)).setCounts(List.of(400.0, 600.0, 245.0, 5.0)).setZeroCount(0.0)
            .build())
        .build();
  }

  public static GateVerdict verdict() {
    return GateVerdict.newBuilder()
        .setEventId(UUID.randomUUID()).setSequence(4).setTenantId(TENANT).setReleaseId(RELEASE)
        .setAppVersion("4.18.0").setWave(2).setGate("relative-error-rate").setOutcome(VerdictOutcome.FAIL)
        .setReason("5xx rate 0.032 is 4.1x the tenant's baseline 0.0078 (allowed 2.0x) over 1250 requests")
        .setObserved(0.032).setThreshold(0.0156).setBaseline(0.0078).setSamples(1_250)
        .setWindowStart(NOW.minusSeconds(10)).setWindowEnd(NOW).setDecidedAt(NOW)
        .build();
  }

  public static GateWindow window() {
    return GateWindow.newBuilder()
        .setEventId(UUID.randomUUID()).setSequence(NOW.toEpochMilli()).setTenantId(TENANT).setReleaseId(RELEASE)
        .setAppVersion("4.18.0").setJudgedVersion(true).setWindowStart(NOW.minusSeconds(10)).setWindowEnd(NOW)
        .setRequests(1_250).setRate5xx(0.0032).setTimeoutRate(0.0008).setP95Millis(212.5).setP99Millis(480.0)
        .setBaselineRate5xx(0.0078).setBaselineTimeoutRate(0.001).setBaselineP95Millis(198.0)
        .setBaselineP99Millis(455.0).setMax5xxRate(0.02).setMaxP95Millis(450.0)
        .build();
  }

  public static TenantReleaseState tenantState() {
    return TenantReleaseState.newBuilder()
        .setEventId(UUID.randomUUID()).setVersion(6).setTenantId(TENANT).setReleaseId(RELEASE).setRegion("eu-west")
        .setWave(2).setAppVersion("4.18.0").setPreviousAppVersion("4.17.3").setPhase(ReleasePhase.BAKE)
        .setState(TenantRolloutState.IN_PROGRESS).setSince(NOW)
        .setGates(GateSpec.newBuilder().setWindowSeconds(10).setBakeSeconds(120).setMinRequests(100)
            .setMax5xxRate(0.02).setMaxTimeoutRate(0.01).setMaxP95Millis(450.0).setMaxP99Millis(1_200.0)
            .setMaxErrorRateFactor(2.0).setMaxP95Factor(1.5).setConfidence(0.99).build())
        .build();
  }

  public static ReleaseStatus releaseStatus() {
    return ReleaseStatus.newBuilder()
        .setEventId(UUID.randomUUID()).setVersion(31).setReleaseId(RELEASE).setAppVersion("4.18.0")
        .setMigrationSet("2025-06-add-invoice-currency").setState(ReleaseState.RUNNING)
        .setRegions(List.of(new RegionProgress("eu-west", 2, 5, "RUNNING"), new RegionProgress("us-east", 0, 4, "PAUSED")))
        .setTenantCounts(Map.of("PASSED", 112L, "IN_PROGRESS", 3L, "WAITING", 2_140L))
        .setUpdatedAt(NOW)
        .build();
  }
}
