package dev.tenantwave.catalog.residency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Residency as a pure rule, without a database: whatever the placement, it is allowed only when the tenant's cell and
 * cluster are in its region's jurisdiction, and the invariant counts as breached exactly when a jurisdiction differs.
 */
class ResidencyPolicyPropertyTest {

  /** Regions eu-west and eu-central (EU), us-east (US); a cell and a cluster in each; "nowhere" exists not. */
  private static final Map<String, String> REGIONS = Map.of("eu-west", "EU", "eu-central", "EU", "us-east", "US");
  private static final Map<String, String> CELLS = Map.of("c-eu-west", "eu-west", "c-eu-central", "eu-central",
      "c-us-east", "us-east");
  private static final Map<String, String> CLUSTERS = Map.of("pg-eu-west", "eu-west", "pg-eu-central", "eu-central",
      "pg-us-east", "us-east");

  private static final Jurisdictions TOPOLOGY = new Jurisdictions() {
    @Override
    public Optional<String> jurisdictionOfRegion(String region) {
      return Optional.ofNullable(region == null ? null : REGIONS.get(region));
    }

    @Override
    public Optional<String> jurisdictionOfCell(String cell) {
      return Optional.ofNullable(cell == null ? null : CELLS.get(cell)).flatMap(this::jurisdictionOfRegion);
    }

    @Override
    public Optional<String> jurisdictionOfCluster(String cluster) {
      return Optional.ofNullable(cluster == null ? null : CLUSTERS.get(cluster)).flatMap(this::jurisdictionOfRegion);
    }

    @Override
    public Collection<String> regionIds() {
      return REGIONS.keySet();
    }

    @Override
    public boolean hasCell(String cell) {
      return cell != null && CELLS.containsKey(cell);
    }

    @Override
    public Optional<List<String>> tenancyModelsOfCluster(String cluster) {
      return cluster != null && CLUSTERS.containsKey(cluster) ? Optional.of(List.of("SCHEMA")) : Optional.empty();
    }
  };

  @Property(tries = 500)
  void allowedOnlyWhenCellAndClusterAreInTheRegionsJurisdiction(@ForAll("residences") Residence residence,
      @ForAll("jurisdictions") String current) {
    ResidencyPolicy.Verdict verdict = ResidencyPolicy.check(residence, TOPOLOGY, current);
    if (verdict.allowed()) {
      String home = TOPOLOGY.jurisdictionOfRegion(residence.region()).orElseThrow();
      assertThat(TOPOLOGY.jurisdictionOfCell(residence.cell())).contains(home);
      assertThat(TOPOLOGY.jurisdictionOfCluster(residence.cluster())).contains(home);
      assertThat(residence.jurisdiction()).isIn(null, home);
      assertThat(current).isIn(null, home);
    }
  }

  @Property(tries = 500)
  void breachedExactlyWhenAJurisdictionDiffers(@ForAll("residences") Residence residence,
      @ForAll("jurisdictions") String current) {
    Optional<String> home = TOPOLOGY.jurisdictionOfRegion(residence.region());
    boolean differs = home.isPresent() && (
        TOPOLOGY.jurisdictionOfCell(residence.cell()).map(j -> !j.equals(home.get())).orElse(false)
        || TOPOLOGY.jurisdictionOfCluster(residence.cluster()).map(j -> !j.equals(home.get())).orElse(false)
        || residence.jurisdiction() != null && !residence.jurisdiction().equals(home.get())
        || current != null && !Objects.equals(current, home.get()));

    assertThat(ResidencyPolicy.check(residence, TOPOLOGY, current).residencyBreached()).isEqualTo(differs);
  }

  @Provide
  Arbitrary<Residence> residences() {
    Arbitrary<String> regions = Arbitraries.of("eu-west", "eu-central", "us-east", "nowhere");
    Arbitrary<String> cells = Arbitraries.of("c-eu-west", "c-eu-central", "c-us-east", "c-nowhere");
    Arbitrary<String> clusters = Arbitraries.of("pg-eu-west", "pg-eu-central", "pg-us-east", "pg-nowhere");
    return Combinators.combine(regions, cells, clusters, jurisdictions())
        .as((region, cell, cluster, declared) -> new Residence("t-1", region, cell, cluster, "SCHEMA", declared));
  }

  @Provide
  Arbitrary<String> jurisdictions() {
    return Arbitraries.of("EU", "US").injectNull(0.4);
  }
}
