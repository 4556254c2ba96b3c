package dev.tenantwave.demo.release;

import dev.tenantwave.demo.fleet.Fleet;
import java.util.List;

/**
 * The demo's release in the orchestrator's plan format: 2.3.1 → 2.4.0 with the shipped migration set, the three
 * regions side by side, each internal → design partners → SMB (FREE and SMB tiers) in 10/50/100 % steps →
 * enterprise; the fleet's flag keeps other runs' tenants out.
 */
public record DemoPlan(String releaseId, Fleet fleet, Pace pace) {

  public static final String PREVIOUS = "2.3.1";
  public static final String NEW = "2.4.0";
  public static final String MIGRATION_SET = "2026-11-deal-stages";
  /** The waves of every region, in order. */
  public static final List<String> WAVES = List.of("internal", "design-partners", "smb", "enterprise");

  /** The gates' timing: the demo's, or shorter for tests ({@code --fast}). */
  public enum Pace {
    NORMAL(5, 20, 50),
    FAST(1, 5, 20);

    final int windowSeconds;
    final int bakeSeconds;
    final int minRequests;

    Pace(int windowSeconds, int bakeSeconds, int minRequests) {
      this.windowSeconds = windowSeconds;
      this.bakeSeconds = bakeSeconds;
      this.minRequests = minRequests;
    }

    public int bakeSeconds() {
      return bakeSeconds;
    }

    public int windowSeconds() {
      return windowSeconds;
    }
  }

  public String yaml() {
    StringBuilder regions = new StringBuilder();
    for (String region : fleet.regions()) {
      regions.append("""
            - region: %1$s
              waves:
                - {name: internal, cohort: {tracks: [INTERNAL], flags: {%2$s: true}}}
                - {name: design-partners, cohort: {tracks: [DESIGN_PARTNER], flags: {%2$s: true}}}
                - name: smb
                  cohort: {tracks: [GENERAL], tiers: [FREE, SMB], flags: {%2$s: true}}
                  steps: [10, 50, 100]
                - {name: enterprise, cohort: {tracks: [GENERAL], tiers: [ENTERPRISE], flags: {%2$s: true}}}
          """.formatted(region, fleet.flag()));
    }
    return """
        releaseId: %s
        appVersion: %s
        previousAppVersion: %s
        migrationSet: %s
        regionOrder: PARALLEL
        gates: {windowSeconds: %d, bakeSeconds: %d, minRequests: %d, max5xxRate: 0.05, maxP95Factor: 1.5}
        failurePolicy: {maxFailedTenantsPerWave: 1, autoRollback: true, onInconclusive: HOLD}
        enterprise: {maintenanceWindowsOnly: false}
        regions:
        """.formatted(releaseId, NEW, PREVIOUS, MIGRATION_SET, pace.windowSeconds, pace.bakeSeconds,
        pace.minRequests) + regions;
  }
}
