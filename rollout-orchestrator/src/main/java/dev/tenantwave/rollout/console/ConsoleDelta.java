package dev.tenantwave.rollout.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * One change the console is told about, as small as it can be: a tenant's new grid state, a verdict, a closed gate
 * window, a migration progress report, or a release's new state. Times are epoch milliseconds.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsoleDelta(String kind, String releaseId, @Nullable String tenantId, @Nullable GridState state,
                           @Nullable String phase, @Nullable Long version, @Nullable VerdictPoint verdict,
                           @Nullable WindowPoint window, @Nullable ProgressPoint progress,
                           @Nullable ReleaseChange release) {

  public static final String TENANT = "tenant";
  public static final String VERDICT = "verdict";
  public static final String WINDOW = "window";
  public static final String PROGRESS = "progress";
  public static final String RELEASE = "release";

  public static ConsoleDelta tenant(String releaseId, String tenantId, GridState state, String phase, long version) {
    return new ConsoleDelta(TENANT, releaseId, tenantId, state, phase, version, null, null, null, null);
  }

  public static ConsoleDelta verdict(String releaseId, String tenantId, VerdictPoint verdict) {
    return new ConsoleDelta(VERDICT, releaseId, tenantId, null, null, null, verdict, null, null, null);
  }

  public static ConsoleDelta window(String releaseId, String tenantId, WindowPoint window) {
    return new ConsoleDelta(WINDOW, releaseId, tenantId, null, null, null, null, window, null, null);
  }

  public static ConsoleDelta progress(String releaseId, String tenantId, ProgressPoint progress) {
    return new ConsoleDelta(PROGRESS, releaseId, tenantId, null, null, null, null, null, progress, null);
  }

  public static ConsoleDelta release(String releaseId, ReleaseChange change) {
    return new ConsoleDelta(RELEASE, releaseId, null, null, null, null, null, null, null, change);
  }

  /** A gate verdict: the deciding measure, its threshold and the tenant's own baseline, for its window. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VerdictPoint(String outcome, String gate, String reason, @Nullable Double observed,
                             @Nullable Double threshold, @Nullable Double baseline, long samples, String appVersion,
                             long windowStart, long windowEnd, long decidedAt) {}

  /**
   * One closed gate window of the tenant on the version under judgement: its requests, 5xx rate and latency
   * quantiles, and the tenant's own baseline (null without one); the release's limits are in its gates.
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WindowPoint(long windowEnd, long requests, double rate5xx, @Nullable Double p95Millis,
                            @Nullable Double p99Millis, @Nullable Double baselineRate5xx,
                            @Nullable Double baselineP95Millis) {}

  /** The worker's latest report on one migration phase. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ProgressPoint(String phase, String state, long rowsDone, @Nullable Long rowsTotal,
                              @Nullable Double rowsPerSecond, long durationMillis, int attempt,
                              @Nullable String error, long at) {}

  /** A release's state as {@code release.status.v1} carries it. */
  @Serdeable
  public record ReleaseChange(String state, long version, Map<String, Long> tenantCounts,
                              List<RegionChange> regions, long updatedAt) {}

  @Serdeable
  public record RegionChange(String region, int currentWave, int totalWaves, String state) {}
}
