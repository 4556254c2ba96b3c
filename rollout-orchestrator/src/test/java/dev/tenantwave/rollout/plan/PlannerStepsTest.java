package dev.tenantwave.rollout.plan;

import static dev.tenantwave.rollout.plan.PlannerTest.WEDNESDAY;
import static dev.tenantwave.rollout.plan.PlannerTest.plan;
import static dev.tenantwave.rollout.plan.Tenants.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlannerStepsTest {

  private static final int COHORT = 10_000;
  private static final List<CatalogTenant> LARGE_COHORT = IntStream.range(0, COHORT)
      .mapToObj(i -> tenant("t-" + i, "eu-west", Tier.SMB, Track.GENERAL)).toList();

  private static PlannedWave wave(String steps, Collection<CatalogTenant> catalog) {
    ReleasePlan plan = plan("regions: [{region: eu-west, waves: [{name: smb, cohort: {}, steps: " + steps + "}]}]\n");
    return Planner.plan(plan, catalog, WEDNESDAY).regions().get(0).waves().get(0);
  }

  private static Set<String> firstSteps(PlannedWave wave, int count) {
    return wave.steps().stream().limit(count).flatMap(s -> s.tenants().stream()).map(PlannedTenant::tenantId)
        .collect(Collectors.toSet());
  }

  @Test
  void shouldBucketByTheFirstEightBytesOfSha256ModuloTenThousand() throws Exception {
    for (String tenant : List.of("acme-eu", "t-1", "globex", "x9")) {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("rel-2026-12-crm-42/" + tenant).getBytes(StandardCharsets.UTF_8));
      int expected = new BigInteger(1, Arrays.copyOf(digest, 8)).mod(BigInteger.valueOf(10_000)).intValue();
      assertThat(StepBuckets.bucket("rel-2026-12-crm-42", tenant)).isEqualTo(expected);
    }
    // pinned, so that a release re-planned by a later version puts every tenant in the same step
    assertThat(StepBuckets.bucket("rel-2026-12-crm-42", "acme-eu")).isEqualTo(1294);
    assertThat(StepBuckets.bucket("rel-2026-12-crm-42", "t-1")).isEqualTo(9838);
  }

  @Test
  void shouldListEveryStepOfASmallCohortEvenWhenEmpty() {
    // buckets: acme-eu 1294, globex 2908, t-1 9838
    PlannedWave wave = wave("[1, 5, 25, 100]", List.of(tenant("t-1", "eu-west", Tier.SMB, Track.GENERAL),
        tenant("globex", "eu-west", Tier.SMB, Track.GENERAL), tenant("acme-eu", "eu-west", Tier.SMB, Track.GENERAL)));
    assertThat(wave.steps()).extracting(PlannedStep::index, PlannedStep::percent)
        .containsExactly(tuple(0, 1), tuple(1, 5),
            tuple(2, 25), tuple(3, 100));
    assertThat(wave.steps()).map(s -> s.tenants().stream().map(PlannedTenant::tenantId).toList())
        .containsExactly(List.of(), List.of(), List.of("acme-eu"), List.of("globex", "t-1"));
  }

  @Test
  void shouldNestEachStepInsideTheLargerOnesWhateverTheOtherSteps() {
    PlannedWave fine = wave("[1, 5, 25, 100]", LARGE_COHORT);
    PlannedWave fivePercentFirst = wave("[5, 100]", LARGE_COHORT);
    PlannedWave quarterFirst = wave("[25, 50, 100]", LARGE_COHORT);
    assertThat(firstSteps(fine, 2)).containsAll(firstSteps(fine, 1));
    assertThat(firstSteps(fine, 3)).containsAll(firstSteps(fine, 2));
    assertThat(firstSteps(fivePercentFirst, 1)).isEqualTo(firstSteps(fine, 2));
    assertThat(firstSteps(quarterFirst, 1)).isEqualTo(firstSteps(fine, 3));
    assertThat(fine.steps().stream().mapToInt(s -> s.tenants().size()).sum()).isEqualTo(COHORT);
    assertThat(firstSteps(fine, 4)).hasSize(COHORT);
  }

  @Test
  void shouldGiveEachStepAboutItsShareOfALargeCohort() {
    PlannedWave wave = wave("[1, 5, 25, 100]", LARGE_COHORT);
    for (int k = 0; k < wave.steps().size(); k++) {
      double share = wave.steps().get(k).percent() / 100.0;
      // the ids and release are fixed, so the count is too: four binomial standard deviations only says how close
      double tolerance = 4 * Math.sqrt(COHORT * share * (1 - share));
      assertThat((double) firstSteps(wave, k + 1).size()).as("tenants in the first %d steps", k + 1)
          .isBetween(COHORT * share - tolerance, COHORT * share + tolerance);
    }
  }
}
