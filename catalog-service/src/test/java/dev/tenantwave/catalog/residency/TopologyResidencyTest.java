package dev.tenantwave.catalog.residency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopologyResidencyTest {

  @Test
  void shouldKeepTheJurisdictionOfARegionInUse() {
    assertThat(TopologyResidency.jurisdictionChange("eu-west", "EU", "US", true)).get()
        .satisfies(refusal -> assertThat(refusal.detail()).contains("eu-west", "EU", "US"));
    assertThat(TopologyResidency.jurisdictionChange("eu-west", "EU", "US", false)).isEmpty();
    assertThat(TopologyResidency.jurisdictionChange("eu-west", "EU", "EU", true)).isEmpty();
  }

  @Test
  void shouldKeepACellOrClusterWithTenantsInTheirJurisdiction() {
    assertThat(TopologyResidency.relocation("cell", "eu-west-1", 3, "EU", "us-east", "US")).get()
        .satisfies(refusal -> assertThat(refusal.type()).isEqualTo("residency-violation"));
    assertThat(TopologyResidency.relocation("cell", "eu-west-1", 0, "EU", "us-east", "US")).isEmpty();
    assertThat(TopologyResidency.relocation("cluster", "pg-a", 3, "EU", "eu-central", "EU")).isEmpty();
  }

  @Test
  void shouldRefuseMovingACellAwayFromItsTenantsRegion() {
    assertThat(TopologyResidency.cellMove("eu-west-1", "eu-west", "eu-central", 2)).get()
        .satisfies(refusal -> assertThat(refusal.detail()).contains("eu-west-1", "eu-west", "eu-central"));
    assertThat(TopologyResidency.cellMove("eu-west-1", "eu-west", "eu-central", 0)).isEmpty();
    assertThat(TopologyResidency.cellMove("eu-west-1", "eu-west", "eu-west", 2)).isEmpty();
  }
}
