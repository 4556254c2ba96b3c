package dev.tenantwave.rollout.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code regions}: each region's waves, their cohorts and their percentage steps. */
final class RegionsReader {

  static final List<String> REGION_KEYS = List.of("region", "waves");
  static final List<String> WAVE_KEYS = List.of("name", "cohort", "steps");
  static final List<String> COHORT_KEYS = List.of("tracks", "tiers", "flags", "tenants", "exclude");
  static final String STEPS_RULE = "steps are increasing percentages ending at 100";

  private static final ValueType<Integer> STEP =
      ValueType.INT.where(v -> v >= 1 && v <= 100, "a whole percentage from 1 to 100");

  private RegionsReader() {}

  static List<RegionPlan> regions(Section plan) {
    List<RegionPlan> regions = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (Section region : plan.sections("regions", REGION_KEYS,
        "a non-empty list of regions, each with keys region, waves")) {
      String id = region.required("region", PlanValues.REGION_ID, "");
      requireUnique(region, "region", id, seen, "each region appears once in a plan");
      regions.add(new RegionPlan(id, waves(region)));
    }
    return regions;
  }

  private static List<WaveSpec> waves(Section region) {
    List<WaveSpec> waves = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (Section wave : region.sections("waves", WAVE_KEYS,
        "a non-empty list of waves, each with keys name, cohort and (optionally) steps")) {
      String name = wave.required("name", PlanValues.WAVE_NAME, "");
      requireUnique(wave, "name", name, seen, "wave names are unique within a region");
      CohortSelector cohort = cohort(wave.section("cohort", COHORT_KEYS, true));
      List<Integer> steps = wave.list("steps", STEP).map(s -> checkSteps(wave, s)).orElse(WaveSpec.ALL_AT_ONCE);
      waves.add(new WaveSpec(name, cohort, steps));
    }
    return waves;
  }

  private static CohortSelector cohort(Section cohort) {
    return new CohortSelector(
        Set.copyOf(cohort.list("tracks", ValueType.oneOf(Track.class)).orElse(List.of())),
        Set.copyOf(cohort.list("tiers", ValueType.oneOf(Tier.class)).orElse(List.of())),
        cohort.mapping("flags", PlanValues.FLAG_NAME, ValueType.BOOLEAN),
        Set.copyOf(cohort.list("tenants", PlanValues.TENANT_ID).orElse(List.of())),
        Set.copyOf(cohort.list("exclude", PlanValues.TENANT_ID).orElse(List.of())));
  }

  /** Each step is already a percentage from 1 to 100; here only their order and the last one are left to check. */
  private static List<Integer> checkSteps(Section wave, List<Integer> steps) {
    if (steps.isEmpty()) {
      wave.violation("steps", "must not be empty; " + STEPS_RULE + " (leave steps out to release the wave at once)");
      return steps;
    }
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i) <= steps.get(i - 1)) {
        wave.violation("steps[" + i + "]",
            "must be greater than the step before it (" + steps.get(i - 1) + "); " + STEPS_RULE);
      }
    }
    int last = steps.size() - 1;
    if (steps.get(last) != 100) {
      wave.violation("steps[" + last + "]", "must be 100, the whole cohort, as the last step; " + STEPS_RULE);
    }
    return steps;
  }

  private static void requireUnique(Section section, String key, String value, Map<String, String> seen, String rule) {
    String earlier = value.isEmpty() ? null : seen.putIfAbsent(value, section.field(key));
    if (earlier != null) {
      section.violation(key, "'" + value + "' is already used at " + earlier + "; " + rule);
    }
  }
}
