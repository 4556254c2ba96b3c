package dev.tenantwave.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.SetArbitrary;
import net.jqwik.api.statistics.Statistics;

class PlannerPropertiesTest {

  private static final List<String> REGIONS = List.of("eu-west", "us-east", "ap-south");
  private static final List<Map<String, Boolean>> FLAGS =
      List.of(Map.of(), Map.of("new-pipeline", true), Map.of("new-pipeline", false));
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  record Scenario(ReleasePlan plan, List<CatalogTenant> catalog) {}

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void shouldReleaseEveryMatchingActiveTenantOnceInTheFirstWaveOfItsOwnRegion(@ForAll("scenarios") Scenario s) {
    PlannedRelease release = Planner.plan(s.plan(), s.catalog(), NOW);
    Statistics.label("tenants planned").collect(release.tenantCount() > 0);
    Statistics.label("tenants skipped").collect(!release.skipped().isEmpty());
    // a plan that takes nobody proves little, so most generated plans must take someone (about 90 % do)
    Statistics.label("tenants planned").coverage(c -> c.check(true).percentage(p -> p > 75));
    Map<String, CatalogTenant> catalog = s.catalog().stream().collect(Collectors.toMap(CatalogTenant::id, t -> t));
    List<String> everyone = new ArrayList<>();
    for (PlannedRegion region : release.regions()) {
      region.waves().forEach(w -> w.steps().forEach(step -> step.tenants().forEach(t -> {
        assertThat(catalog.get(t.tenantId()).region()).isEqualTo(region.region());
        everyone.add(t.tenantId());
      })));
    }
    assertThat(everyone).doesNotHaveDuplicates().hasSize(release.tenantCount());
    for (int r = 0; r < s.plan().regions().size(); r++) {
      RegionPlan region = s.plan().regions().get(r);
      PlannedRegion planned = release.regions().get(r);
      for (CatalogTenant tenant : s.catalog()) {
        if (tenant.region().equals(region.region())) {
          assertThat(waveOf(planned, tenant.id())).as(tenant.toString()).isEqualTo(expectedWave(s.plan(), region, tenant));
        }
      }
    }
    release.skipped().forEach(skip -> assertThat(release.regions().stream()
        .filter(r -> r.region().equals(skip.region())).flatMap(r -> r.waves().stream())
        .map(w -> waveOf(w, skip.tenantId()))).allMatch(Optional::isEmpty));
  }

  @Property(tries = 500)
  void shouldPutATenantInASmallerStepOnlyIfItIsInEveryLargerOne(@ForAll("releaseIds") String releaseId,
      @ForAll("tenantIds") String tenantId, @ForAll("steps") List<Integer> some, @ForAll("steps") List<Integer> other) {
    int bucket = StepBuckets.bucket(releaseId, tenantId);
    int percent = some.get(StepBuckets.stepIndex(some, bucket));
    int otherPercent = other.get(StepBuckets.stepIndex(other, bucket));
    other.stream().filter(p -> p >= percent).forEach(p -> assertThat(otherPercent).isLessThanOrEqualTo(p));
  }

  private static Optional<Integer> expectedWave(ReleasePlan plan, RegionPlan region, CatalogTenant tenant) {
    if (tenant.status() != TenantStatus.ACTIVE || plan.excludeTenantIds().contains(tenant.id())) {
      return Optional.empty();
    }
    return IntStream.range(0, region.waves().size()).filter(i -> region.waves().get(i).cohort().matches(tenant))
        .boxed().findFirst();
  }

  private static Optional<Integer> waveOf(PlannedRegion region, String tenantId) {
    return region.waves().stream().filter(w -> waveOf(w, tenantId).isPresent()).map(PlannedWave::index).findFirst();
  }

  private static Optional<Integer> waveOf(PlannedWave wave, String tenantId) {
    return wave.steps().stream().flatMap(s -> s.tenants().stream()).anyMatch(t -> t.tenantId().equals(tenantId))
        ? Optional.of(wave.index()) : Optional.empty();
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Function<String, CatalogTenant>> shape = Combinators.combine(Arbitraries.of(REGIONS),
        Arbitraries.of(Tier.class), Arbitraries.of(Track.class), Arbitraries.frequency(Tuple.of(6, TenantStatus.ACTIVE),
            Tuple.of(1, TenantStatus.SUSPENDED), Tuple.of(1, TenantStatus.OFFBOARDING)), Arbitraries.of(FLAGS))
        .as((region, tier, track, status, flags) -> id -> new CatalogTenant(id, region, tier, track, status,
            Tenancy.POOLED, flags, List.of()));
    return shape.list().ofMinSize(5).ofMaxSize(40)
        .map(shapes -> IntStream.range(0, shapes.size()).mapToObj(i -> shapes.get(i).apply("t-" + i)).toList())
        .flatMap(catalog -> plans(catalog).map(plan -> new Scenario(plan, catalog)));
  }

  private Arbitrary<ReleasePlan> plans(List<CatalogTenant> catalog) {
    List<String> ids = new ArrayList<>(catalog.stream().map(CatalogTenant::id).toList());
    ids.add("ghost-1");
    Arbitrary<List<RegionPlan>> regions = Arbitraries.shuffle(REGIONS).flatMap(order -> waves(ids).list()
        .ofMinSize(1).ofMaxSize(3).map(perRegion -> IntStream.range(0, perRegion.size())
            .mapToObj(i -> new RegionPlan(order.get(i), perRegion.get(i))).toList()));
    return Combinators.combine(regions, sometimes(3, Arbitraries.subsetOf(ids)), Arbitraries.integers().between(1, 999))
        .as((r, excluded, n) -> new ReleasePlan("rel-" + n, "2.0.0", "1.0.0", null, RegionOrder.SEQUENTIAL, r,
            GateSettings.defaults(), FailurePolicy.defaults(), true, excluded));
  }

  private Arbitrary<List<WaveSpec>> waves(List<String> ids) {
    Arbitrary<CohortSelector> cohort = Combinators.combine(sometimes(2, Arbitraries.subsetOf(Track.values())),
        sometimes(2, Arbitraries.subsetOf(Tier.values())), Arbitraries.frequency(Tuple.of(4, FLAGS.get(0)),
            Tuple.of(1, FLAGS.get(1)), Tuple.of(1, FLAGS.get(2))), sometimes(5, Arbitraries.subsetOf(ids)),
        sometimes(3, Arbitraries.subsetOf(ids))).as(CohortSelector::new);
    return Combinators.combine(cohort, steps()).as((c, s) -> new WaveSpec("w", c, s)).list().ofMinSize(1).ofMaxSize(3)
        .map(waves -> IntStream.range(0, waves.size())
            .mapToObj(i -> new WaveSpec("w" + i, waves.get(i).cohort(), waves.get(i).steps())).toList());
  }

  /** A criterion used once in {@code every} cohorts, so that cohorts are often broad enough to take someone. */
  private static <T> Arbitrary<Set<T>> sometimes(int every, SetArbitrary<T> subset) {
    return Arbitraries.frequencyOf(Tuple.of(every - 1, Arbitraries.just(Set.of())), Tuple.of(1, subset.ofMaxSize(3)));
  }

  @Provide
  Arbitrary<List<Integer>> steps() {
    return Arbitraries.subsetOf(1, 2, 5, 10, 25, 50, 99).map(chosen -> {
      TreeSet<Integer> steps = new TreeSet<>(chosen);
      steps.add(100);
      return List.copyOf(steps);
    });
  }

  @Provide
  Arbitrary<String> releaseIds() {
    return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(2).ofMaxLength(20);
  }

  @Provide
  Arbitrary<String> tenantIds() {
    return Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMinLength(2).ofMaxLength(20);
  }
}
