package dev.tenantwave.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanParserTest {

  static final String EXAMPLE_YAML = """
      releaseId: rel-2026-12-crm-42        # a comment
      appVersion: 2.4.0
      previousAppVersion: 2.3.1
      migrationSet: 2026-11-deal-stages
      regionOrder: PARALLEL
      excludeTenants: [t-legacy]
      gates: {windowSeconds: 10, bakeSeconds: 60, minRequests: 50, max5xxRate: 0.05, maxTimeoutRate: 0.05,
              maxP95Millis: 800, maxP99Millis: null, maxErrorRateFactor: 2.0, maxP95Factor: 1.5, confidence: 0.99}
      failurePolicy: {maxFailedTenantsPerWave: 1, autoRollback: true, onInconclusive: HOLD}
      enterprise: {maintenanceWindowsOnly: true}
      regions:
        - region: eu-west
          waves:
            - name: internal
              cohort: {tracks: [INTERNAL]}
            - name: smb
              cohort: {tracks: [GENERAL], tiers: [FREE, SMB]}
              steps: [1, 5, 25, 100]
            - name: enterprise
              cohort: {tracks: [GENERAL], tiers: [ENTERPRISE], flags: {new-pipeline: true}, tenants: [acme-eu], exclude: [t-x]}
        - region: us-east
          waves:
            - name: everyone
              cohort: {}
      """;

  static final String EXAMPLE_JSON = """
      {
        "releaseId": "rel-2026-12-crm-42",
        "appVersion": "2.4.0",
        "previousAppVersion": "2.3.1",
        "migrationSet": "2026-11-deal-stages",
        "regionOrder": "PARALLEL",
        "excludeTenants": ["t-legacy"],
        "gates": {"windowSeconds": 10, "bakeSeconds": 60, "minRequests": 50, "max5xxRate": 0.05,
          "maxTimeoutRate": 0.05, "maxP95Millis": 800, "maxP99Millis": null, "maxErrorRateFactor": 2.0,
          "maxP95Factor": 1.5, "confidence": 0.99},
        "failurePolicy": {"maxFailedTenantsPerWave": 1, "autoRollback": true, "onInconclusive": "HOLD"},
        "enterprise": {"maintenanceWindowsOnly": true},
        "regions": [
          {"region": "eu-west", "waves": [
            {"name": "internal", "cohort": {"tracks": ["INTERNAL"]}},
            {"name": "smb", "cohort": {"tracks": ["GENERAL"], "tiers": ["FREE", "SMB"]}, "steps": [1, 5, 25, 100]},
            {"name": "enterprise", "cohort": {"tracks": ["GENERAL"], "tiers": ["ENTERPRISE"],
              "flags": {"new-pipeline": true}, "tenants": ["acme-eu"], "exclude": ["t-x"]}}
          ]},
          {"region": "us-east", "waves": [{"name": "everyone", "cohort": {}}]}
        ]
      }
      """;

  static ReleasePlan valid(String document) {
    PlanParse parsed = PlanParser.parse(document);
    assertThat(parsed).as("violations: %s", parsed).isInstanceOf(PlanParse.Valid.class);
    return ((PlanParse.Valid) parsed).plan();
  }

  static List<PlanViolation> violations(String document) {
    PlanParse parsed = PlanParser.parse(document);
    assertThat(parsed).isInstanceOf(PlanParse.Invalid.class);
    return ((PlanParse.Invalid) parsed).violations();
  }

  @Test
  void shouldReadEveryFieldOfTheExample() {
    ReleasePlan plan = valid(EXAMPLE_YAML);
    assertThat(plan.releaseId()).isEqualTo("rel-2026-12-crm-42");
    assertThat(plan.appVersion()).isEqualTo("2.4.0");
    assertThat(plan.previousAppVersion()).isEqualTo("2.3.1");
    assertThat(plan.migrationSet()).isEqualTo("2026-11-deal-stages");
    assertThat(plan.regionOrder()).isEqualTo(RegionOrder.PARALLEL);
    assertThat(plan.excludeTenantIds()).containsExactly("t-legacy");
    assertThat(plan.gates()).isEqualTo(new GateSettings(10, 60, 50, 0.05, 0.05, 800.0, null, 2.0, 1.5, 0.99));
    assertThat(plan.failurePolicy()).isEqualTo(new FailurePolicy(1, true, InconclusivePolicy.HOLD));
    assertThat(plan.enterpriseInMaintenanceWindows()).isTrue();
    assertThat(plan.regions()).extracting(RegionPlan::region).containsExactly("eu-west", "us-east");
    List<WaveSpec> euWest = plan.regions().get(0).waves();
    assertThat(euWest).extracting(WaveSpec::name).containsExactly("internal", "smb", "enterprise");
    assertThat(euWest.get(0).steps()).containsExactly(100);
    assertThat(euWest.get(1).steps()).containsExactly(1, 5, 25, 100);
    assertThat(euWest.get(2).cohort()).isEqualTo(new CohortSelector(Set.of(Track.GENERAL), Set.of(Tier.ENTERPRISE),
        Map.of("new-pipeline", true), Set.of("acme-eu"), Set.of("t-x")));
    assertThat(plan.regions().get(1).waves().get(0).cohort())
        .isEqualTo(new CohortSelector(Set.of(), Set.of(), Map.of(), Set.of(), Set.of()));
  }

  @Test
  void shouldReadTheSamePlanFromJsonAsFromYaml() {
    assertThat(valid(EXAMPLE_JSON)).isEqualTo(valid(EXAMPLE_YAML));
  }

  @Test
  void shouldReadJsonIndentedWithTabs() {
    assertThat(valid(EXAMPLE_JSON.replace("  ", "\t"))).isEqualTo(valid(EXAMPLE_YAML));
  }

  @Test
  void shouldFillInDefaultsForEverythingOptional() {
    ReleasePlan plan = valid("""
        releaseId: rel-1
        appVersion: "2.4"
        previousAppVersion: "2.3"
        regions: [{region: eu-west, waves: [{name: all, cohort: {}}]}]
        gates: {maxP95Millis: ~}
        """);
    assertThat(plan.migrationSet()).isNull();
    assertThat(plan.regionOrder()).isEqualTo(RegionOrder.SEQUENTIAL);
    assertThat(plan.gates()).isEqualTo(GateSettings.defaults());
    assertThat(plan.failurePolicy()).isEqualTo(FailurePolicy.defaults());
    assertThat(plan.enterpriseInMaintenanceWindows()).isTrue();
    assertThat(plan.excludeTenantIds()).isEmpty();
  }

  @Test
  void shouldReportEveryViolationAtOnceWithItsPath() {
    List<PlanViolation> violations = violations("""
        releaseId: Rel 42
        appVersion: 2.4.0
        previousAppVersion: 2.4.0
        gates: {confidence: 1.5}
        regions:
          - region: eu-west
            waves:
              - {name: internal, cohort: {tracks: [INTERNAL]}}
              - {name: smb, cohort: {tiers: [SMB]}}
              - {name: enterprise, cohort: {tiers: [ENTERPRISE]}, steps: [5, 5, 100]}
        """);
    assertThat(violations).extracting(PlanViolation::field).containsExactly(
        "releaseId", "previousAppVersion", "regions[0].waves[2].steps[1]", "gates.confidence");
    assertThat(violations.get(2).message())
        .isEqualTo("must be greater than the step before it (5); steps are increasing percentages ending at 100");
  }

  @Test
  void shouldRefuseAnEmptyOrBlankDocument() {
    for (String empty : new String[] {null, "", "  \n\t", "# nothing but a comment\n"}) {
      assertThat(violations(empty)).singleElement().satisfies(v -> {
        assertThat(v.field()).isEmpty();
        assertThat(v.message()).startsWith("the plan is empty; expected a mapping with keys releaseId, appVersion");
      });
    }
  }

  @Test
  void shouldRefuseADocumentThatIsNotAMapping() {
    assertThat(violations("- releaseId: rel-1")).containsExactly(new PlanViolation("",
        "the plan must be a mapping with keys releaseId, appVersion, previousAppVersion, migrationSet, regionOrder, "
            + "excludeTenants, gates, failurePolicy, enterprise, regions, was a list"));
    assertThat(violations("just words")).singleElement().extracting(PlanViolation::message).asString()
        .endsWith("was 'just words'");
  }

  @Test
  void shouldReportSyntaxErrorsWithLineAndColumn() {
    assertThat(violations("releaseId: rel-1\nregions: [1, 2\nappVersion: x\n")).singleElement().satisfies(v -> {
      assertThat(v.field()).isEmpty();
      assertThat(v.message()).startsWith("the plan is not valid YAML or JSON: ").contains("line 3, column");
    });
    assertThat(violations("{\"releaseId\": \"rel-1\", \"regions\": [}")).singleElement().extracting(PlanViolation::message)
        .asString().contains("line 1, column");
  }

  @Test
  void shouldRefuseDuplicateKeys() {
    assertThat(violations("releaseId: rel-1\nreleaseId: rel-2\n")).singleElement().extracting(PlanViolation::message)
        .asString().contains("duplicate key releaseId").contains("line 2, column 1");
  }

  @Test
  void shouldRefuseAPlanOverOneMebibyte() {
    String padding = "#" + "x".repeat(PlanParser.MAX_BYTES) + "\n";
    assertThat(violations(padding + EXAMPLE_YAML)).containsExactly(
        new PlanViolation("", "the plan is larger than 1 MiB (1048576 bytes); a plan is a few kilobytes"));
    // the limit counts UTF-8 bytes, not characters
    String multiByte = "#" + "é".repeat(PlanParser.MAX_BYTES / 2) + "\n";
    assertThat(violations(multiByte + EXAMPLE_YAML)).singleElement().extracting(PlanViolation::field).isEqualTo("");
  }

  @Test
  void shouldRefuseArbitraryObjectTags() {
    assertThat(violations("releaseId: !!java.io.File /etc/passwd\n")).singleElement()
        .satisfies(v -> assertThat(v.message()).startsWith("the plan is not valid YAML or JSON"));
  }
}
