package dev.tenantwave.demo.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tenantwave.demo.fleet.Fleet;
import dev.tenantwave.demo.traffic.TenantProfile.Behaviour;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TenantProfileTest {

  private final Fleet fleet = Fleet.demo("demo_abc", 300);

  @Test
  void shouldGiveEachTenantItsOwnRateLatencyAndErrorsTheSameInEveryRun() {
    Fleet.Tenant tenant = fleet.tenants().get(7);

    TenantProfile first = TenantProfile.of(tenant, Behaviour.SAME);
    TenantProfile again = TenantProfile.of(tenant, Behaviour.SAME);

    assertThat(again.requestsPerSecond()).isEqualTo(first.requestsPerSecond());
    assertThat(again.latencyNanos()).containsExactly(first.latencyNanos());
    assertThat(fleet.tenants().stream().map(t -> TenantProfile.of(t, Behaviour.SAME).medianMillis()).distinct()
        .count()).as("distinct medians").isGreaterThan(30);
  }

  @Test
  void shouldLoadEnterpriseTenantsMoreThanFreeOnesAndEveryTenantEnoughForTheFastGates() {
    for (Fleet.Tenant tenant : fleet.tenants()) {
      TenantProfile profile = TenantProfile.of(tenant, Behaviour.SAME);
      assertThat(profile.requestsPerSecond()).as(tenant.id()).isGreaterThanOrEqualTo(25);
      assertThat(profile.rate5xx()).as(tenant.id()).isLessThan(0.01);
      switch (tenant.tier()) {
        case "FREE" -> assertThat(profile.requestsPerSecond()).isLessThan(40);
        case "ENTERPRISE" -> assertThat(profile.requestsPerSecond()).isGreaterThanOrEqualTo(80);
        default -> assertThat(profile.requestsPerSecond()).isBetween(40, 79);
      }
    }
  }

  @Test
  void shouldSpreadLatenciesLogNormallyAroundTheMedian() {
    TenantProfile profile = TenantProfile.of(fleet.tenants().get(0), Behaviour.SAME);
    long[] sorted = profile.latencyNanos().clone();
    Arrays.sort(sorted);

    assertThat(profile.latencyNanos()).as("not in order, so each second holds fast and slow ones")
        .isNotEqualTo(sorted);
    double p95OverMedian = sorted[(int) (sorted.length * 0.95)] / (double) sorted[sorted.length / 2];
    assertThat(p95OverMedian).isCloseTo(Math.exp(0.35 * 1.69), within(0.1));
  }

  @Test
  void shouldInvertTheStandardNormal() {
    assertThat(TenantProfile.inverseNormal(0.5)).isCloseTo(0.0, within(1e-9));
    assertThat(TenantProfile.inverseNormal(0.975)).isCloseTo(1.959964, within(1e-6));
    assertThat(TenantProfile.inverseNormal(0.01)).isCloseTo(-2.326348, within(1e-6));
  }
}
