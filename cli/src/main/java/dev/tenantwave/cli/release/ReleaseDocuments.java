package dev.tenantwave.cli.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The rollout orchestrator's documents as the CLI reads them: only what it shows, unknown fields ignored, times
 * kept as the server wrote them.
 */
final class ReleaseDocuments {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private ReleaseDocuments() {}

  static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("the rollout orchestrator answered a document the CLI cannot read", e);
    }
  }

  record PlanView(String releaseId, String appVersion, String previousAppVersion, String migrationSet,
                  String regionOrder, int tenantCount, List<PlannedRegion> regions, List<Skipped> skipped,
                  String plannedAt) {
    PlanView {
      regions = regions == null ? List.of() : regions;
      skipped = skipped == null ? List.of() : skipped;
    }
  }

  record PlannedRegion(String region, int position, List<PlannedWave> waves) {
    PlannedRegion {
      waves = waves == null ? List.of() : waves;
    }
  }

  record PlannedWave(int index, String name, List<PlannedStep> steps) {
    PlannedWave {
      steps = steps == null ? List.of() : steps;
    }
  }

  record PlannedStep(int index, int percent, List<String> tenants, List<EnterpriseWait> enterpriseWaits) {
    PlannedStep {
      tenants = tenants == null ? List.of() : tenants;
      enterpriseWaits = enterpriseWaits == null ? List.of() : enterpriseWaits;
    }
  }

  record EnterpriseWait(String tenantId, String nextWindow, boolean noWindow) {}

  record Skipped(String tenantId, String region, String reason) {}

  record ReleaseSummary(String id, String appVersion, String migrationSet, String state, String stateReason,
                        List<String> regions, Map<String, Long> tenants, String createdBy, String createdAt,
                        long version) {
    ReleaseSummary {
      regions = regions == null ? List.of() : regions;
      tenants = tenants == null ? Map.of() : tenants;
    }
  }

  record ReleaseDetail(String id, String appVersion, String previousAppVersion, String migrationSet, String state,
                       String stateReason, String approvedBy, String approvedAt, Map<String, Long> tenants,
                       List<Region> regions, List<Tenant> failedTenants, long version) {
    ReleaseDetail {
      tenants = tenants == null ? Map.of() : tenants;
      regions = regions == null ? List.of() : regions;
      failedTenants = failedTenants == null ? List.of() : failedTenants;
    }
  }

  record Region(String region, String state, String pausedReason, Integer currentWave, Integer currentStep,
                List<Wave> waves) {
    Region {
      waves = waves == null ? List.of() : waves;
    }
  }

  record Wave(int index, String name, long failed, List<Step> steps) {
    Wave {
      steps = steps == null ? List.of() : steps;
    }
  }

  record Step(int index, int percent, String state, long total, Map<String, Long> tenants) {
    Step {
      tenants = tenants == null ? Map.of() : tenants;
    }
  }

  record TenantPage(List<Tenant> tenants, int total) {
    TenantPage {
      tenants = tenants == null ? List.of() : tenants;
    }
  }

  record Tenant(String tenantId, String region, int wave, int step, String tier, String tenancy, String status,
                String awaiting, int attempt, boolean onNewVersion, Failure failure) {}

  record Failure(String kind, String gate, Double observed, Double threshold, Double baseline, String reason,
                 String at) {}
}
