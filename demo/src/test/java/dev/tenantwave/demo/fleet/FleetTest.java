package dev.tenantwave.demo.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetTest {

  @Test
  void shouldSpreadTheDemoFleetOverThreeJurisdictionsEveryTrackTierAndTenancyModel() {
    Fleet fleet = Fleet.demo("demo_abc", 500);

    assertThat(fleet.tenants()).hasSize(500);
    assertThat(fleet.regions()).containsExactly("eu-west", "us-east", "sa-east");
    assertThat(fleet.regions().stream().map(Fleet::jurisdictionOf)).containsExactly("EU", "US", "LATAM");
    for (String region : fleet.regions()) {
      var inRegion = fleet.tenants().stream().filter(t -> t.region().equals(region)).toList();
      assertThat(inRegion).hasSizeGreaterThanOrEqualTo(166);
      assertThat(inRegion.stream().map(Fleet.Tenant::track).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder("INTERNAL", "DESIGN_PARTNER", "GENERAL");
      assertThat(inRegion.stream().map(Fleet.Tenant::tier).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder("FREE", "SMB", "ENTERPRISE");
      assertThat(inRegion.stream().map(Fleet.Tenant::tenancy).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder("POOLED", "SCHEMA", "DATABASE");
      assertThat(inRegion).allSatisfy(t -> assertThat(t.cluster()).isEqualTo("pg-" + region + "-a"));
    }
  }

  @Test
  void shouldPickTheBadAndTheSlowTenantAmongGeneralDatabaseTenantsOfTwoRegions() {
    Fleet fleet = Fleet.demo("demo_abc", 500);

    assertThat(fleet.bad().region()).isEqualTo("eu-west");
    assertThat(fleet.slow().region()).isEqualTo("us-east");
    assertThat(fleet.bad()).isNotEqualTo(fleet.slow());
    for (Fleet.Tenant tenant : new Fleet.Tenant[] {fleet.bad(), fleet.slow()}) {
      assertThat(tenant.tenancy()).as("a rolled-back POOLED tenant would keep its database from contracting")
          .isEqualTo("DATABASE");
      assertThat(tenant.track()).isEqualTo("GENERAL");
      assertThat(tenant.tier()).isNotEqualTo("ENTERPRISE");
    }
  }

  @Test
  void shouldGiveTheSameTenantsForTheSameRunAndOthersForAnotherRun() {
    assertThat(Fleet.demo("demo_abc", 120).tenants()).isEqualTo(Fleet.demo("demo_abc", 120).tenants());
    assertThat(Fleet.demo("demo_abd", 120).tenants().get(0).id()).isEqualTo("demo-abd-eu-000");
    assertThat(Fleet.demo("demo_abd", 120).flag()).isNotEqualTo(Fleet.demo("demo_abc", 120).flag());
  }

  @Test
  void shouldKeepTheEndToEndFleetInTwoRegions() {
    Fleet fleet = Fleet.of("e2e_x", 30);

    assertThat(fleet.regions()).containsExactly("eu-west", "us-east");
    assertThat(fleet.slow()).isNull();
    assertThat(fleet.bad().region()).isEqualTo("eu-west");
    assertThat(fleet.bad().tenancy()).isEqualTo("DATABASE");
  }

  @Test
  void shouldRefuseADemoFleetTooSmallForItsWaves() {
    assertThatThrownBy(() -> Fleet.demo("demo_abc", 60)).hasMessageContaining("at least 90 tenants");
  }
}
