package dev.tenantwave.demo.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.demo.fleet.Fleet;
import org.junit.jupiter.api.Test;

class DemoPlanTest {

  private final Fleet fleet = Fleet.demo("demo_abc", 120);

  @Test
  void shouldReleaseEveryRegionWaveByWaveWithOnlyThisRunsTenants() {
    String yaml = new DemoPlan("demo-abc", fleet, DemoPlan.Pace.NORMAL).yaml();

    assertThat(yaml).contains("releaseId: demo-abc", "appVersion: 2.4.0", "previousAppVersion: 2.3.1",
        "migrationSet: 2026-11-deal-stages", "regionOrder: PARALLEL", "- region: eu-west", "- region: us-east",
        "- region: sa-east", "steps: [10, 50, 100]", "maxFailedTenantsPerWave: 1, autoRollback: true");
    assertThat(yaml.split("flags: \\{" + fleet.flag() + ": true}", -1)).hasSize(3 * DemoPlan.WAVES.size() + 1);
    assertThat(yaml.indexOf("name: internal")).isLessThan(yaml.indexOf("name: design-partners"));
    assertThat(yaml.indexOf("name: smb")).isLessThan(yaml.indexOf("name: enterprise"));
  }

  @Test
  void shouldBakeShorterWhenFast() {
    assertThat(new DemoPlan("demo-abc", fleet, DemoPlan.Pace.NORMAL).yaml())
        .contains("gates: {windowSeconds: 5, bakeSeconds: 20, minRequests: 50");
    assertThat(new DemoPlan("demo-abc", fleet, DemoPlan.Pace.FAST).yaml())
        .contains("gates: {windowSeconds: 1, bakeSeconds: 5, minRequests: 20");
  }
}
