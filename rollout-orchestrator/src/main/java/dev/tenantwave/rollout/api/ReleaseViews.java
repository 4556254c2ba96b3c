package dev.tenantwave.rollout.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The documents the release API answers with. */
public final class ReleaseViews {

  private ReleaseViews() {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ReleaseSummary(String id, String appVersion, @Nullable String migrationSet, String state,
                               @Nullable String stateReason, List<String> regions, Map<String, Long> tenants,
                               String createdBy, Instant createdAt, long version) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ReleaseDetail(String id, String appVersion, String previousAppVersion, @Nullable String migrationSet,
                              String state, @Nullable String stateReason, @Nullable String approvedBy,
                              @Nullable Instant approvedAt, Map<String, Long> tenants, List<RegionView> regions,
                              List<TenantView> failedTenants, long version) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RegionView(String region, String state, @Nullable String pausedReason, @Nullable Integer currentWave,
                           @Nullable Integer currentStep, List<WaveView> waves) {}

  @Serdeable
  public record WaveView(int index, String name, long failed, List<StepView> steps) {}

  @Serdeable
  public record StepView(int index, int percent, String state, long total, Map<String, Long> tenants) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TenantView(String tenantId, String region, int wave, int step, String tier, String tenancy,
                           String status, @Nullable String awaiting, int attempt, boolean onNewVersion,
                           @Nullable FailureView failure) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FailureView(String kind, @Nullable String gate, @Nullable Double observed,
                            @Nullable Double threshold, @Nullable Double baseline, String reason, Instant at) {}

  @Serdeable
  public record TenantPage(List<TenantView> tenants, int total) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AuditView(Instant at, String actor, String action, @Nullable String tenantId, @Nullable String reason) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ActionRequest(@Nullable String reason, @Nullable String region) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PlanView(String releaseId, String appVersion, String previousAppVersion,
                         @Nullable String migrationSet, String regionOrder, int tenantCount,
                         List<PlannedRegionView> regions, List<SkippedView> skipped, Instant plannedAt) {}

  @Serdeable
  public record PlannedRegionView(String region, int position, List<PlannedWaveView> waves) {}

  @Serdeable
  public record PlannedWaveView(int index, String name, List<PlannedStepView> steps) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PlannedStepView(int index, int percent, List<String> tenants,
                                @Nullable List<EnterpriseWaitView> enterpriseWaits) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EnterpriseWaitView(String tenantId, @Nullable Instant nextWindow, boolean noWindow) {}

  @Serdeable
  public record SkippedView(String tenantId, String region, String reason) {}
}
