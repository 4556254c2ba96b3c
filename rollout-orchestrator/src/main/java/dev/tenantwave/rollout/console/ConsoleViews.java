package dev.tenantwave.rollout.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tenantwave.rollout.api.ReleaseViews.ReleaseDetail;
import dev.tenantwave.rollout.api.ReleaseViews.TenantView;
import dev.tenantwave.rollout.console.ConsoleDelta.ProgressPoint;
import dev.tenantwave.rollout.console.ConsoleDelta.VerdictPoint;
import dev.tenantwave.rollout.console.ConsoleDelta.WindowPoint;
import dev.tenantwave.rollout.plan.FailurePolicy;
import dev.tenantwave.rollout.plan.GateSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The documents the console's own API answers with. */
public final class ConsoleViews {

  private ConsoleViews() {}

  /** Who is looking, so the page shows only the actions the server would allow. */
  @Serdeable
  public record Caller(String name, String role, boolean operator, boolean admin) {}

  /**
   * A release with all its tenants in columns (index i of each array is one tenant), so that 10,000 tenants are a
   * few hundred kilobytes; the page then follows {@link ConsoleDelta}s.
   */
  @Serdeable
  public record ReleaseGrid(ReleaseDetail release, PolicyView policy, GatesView gates, List<String> regions,
                            List<String> tiers, List<GridState> states, TenantColumns tenants) {}

  @Serdeable
  public record TenantColumns(List<String> id, int[] region, int[] wave, int[] step, int[] tier, int[] state,
                              boolean[] failed) {}

  @Serdeable
  public record PolicyView(int maxFailedTenantsPerWave, boolean autoRollback, String onInconclusive) {
    static PolicyView of(FailurePolicy p) {
      return new PolicyView(p.maxFailedTenantsPerWave(), p.autoRollback(), p.onInconclusive().name());
    }
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GatesView(int windowSeconds, int bakeSeconds, long minRequests, double max5xxRate,
                          double maxTimeoutRate, @Nullable Double maxP95Millis, @Nullable Double maxP99Millis,
                          double maxErrorRateFactor, double maxP95Factor) {
    static GatesView of(GateSettings g) {
      return new GatesView(g.windowSeconds(), g.bakeSeconds(), g.minRequests(), g.max5xxRate(), g.maxTimeoutRate(),
          g.maxP95Millis(), g.maxP99Millis(), g.maxErrorRateFactor(), g.maxP95Factor());
    }
  }

  /** Where the catalog places the tenant. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Placement(String region, String jurisdiction, String cell, String cluster, String database,
                          @Nullable String schema, String tenancy, String tier, String track, String status) {}

  /** Everything the tenant panel shows. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TenantPanel(TenantView tenant, String appVersion, String previousAppVersion, GatesView gates,
                            @Nullable Placement placement, List<VerdictPoint> verdicts, List<WindowPoint> windows,
                            List<ProgressPoint> progress) {}
}
