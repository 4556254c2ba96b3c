package dev.tenantwave.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One rule a row: a valid plan with one top-level line replaced must give exactly the one violation named. */
class PlanValidationTest {

  private static final String WAVE = "{name: internal, cohort: {tracks: [INTERNAL]}}";
  private static final String TRACKS = "one of [INTERNAL, DESIGN_PARTNER, GENERAL]";
  private static final String W = "regions[0].waves[0].";

  static Stream<Arguments> rules() {
    return Stream.of(
        row("releaseId: Rel_1", "releaseId", "must be a release id of 2-63 characters a-z, 0-9, '.', '_' or '-', "
            + "starting with a letter or digit, was 'Rel_1'"),
        row("releaseId: ~", "releaseId", "is required: a release id of 2-63 characters"),
        row("releaseId: 42", "releaseId", "was 42 (a number); put it in quotes to make it text"),
        row("appVersion: 2.4", "appVersion", "must be a version such as \"2.4.0\": not blank, at most 64 characters, "
            + "was 2.4 (a number); put it in quotes to make it text"),
        row("appVersion: '  '", "appVersion", "must be a version such as \"2.4.0\""),
        row("appVersion: " + "x".repeat(65), "appVersion", "at most 64 characters, was 'xxx"),
        row("previousAppVersion: 2.4.0", "previousAppVersion",
            "must differ from appVersion (2.4.0): a release moves tenants from one version to another"),
        row("previousAppVersion: ~", "previousAppVersion", "is required: a version"),
        row("migrationSet: Deal Stages", "migrationSet", "must be a migration set name of 1-100 characters"),
        row("migrationSet: 2026-11-01", "migrationSet", "was a date; put it in quotes to make it text"),
        row("regionOrder: parallel", "regionOrder", "must be one of [SEQUENTIAL, PARALLEL], was 'parallel'"),
        row("excludeTenants: [t-ok, T_BAD]", "excludeTenants[1]", "must be a tenant id of 2-63 characters"),
        row("excludeTenants: t-legacy", "excludeTenants", "must be a list, each element a tenant id"),
        row("colour: blue", "colour", "unknown key; allowed keys are releaseId, appVersion, previousAppVersion, "
            + "migrationSet, regionOrder, excludeTenants, gates, failurePolicy, enterprise, regions"),
        row("gates: strict", "gates", "must be a mapping with keys windowSeconds, bakeSeconds, minRequests"),
        row("gates: {p95: 800}", "gates.p95", "unknown key; allowed keys are windowSeconds, bakeSeconds"),
        row("gates: {windowSeconds: 0}", "gates.windowSeconds",
            "must be a whole number of seconds from 1 to 3600, was 0 (a number)"),
        row("gates: {windowSeconds: 3601}", "gates.windowSeconds", "from 1 to 3600, was 3601"),
        row("gates: {windowSeconds: '10'}", "gates.windowSeconds", "from 1 to 3600, was '10'"),
        row("gates: {windowSeconds: 10.5}", "gates.windowSeconds", "from 1 to 3600, was 10.5 (a number)"),
        row("gates: {bakeSeconds: -1}", "gates.bakeSeconds", "must be a whole number of seconds from 0 to 86400"),
        row("gates: {bakeSeconds: 86401}", "gates.bakeSeconds", "from 0 to 86400, was 86401"),
        row("gates: {minRequests: 0}", "gates.minRequests", "must be a whole number of requests, at least 1"),
        row("gates: {max5xxRate: 1.5}", "gates.max5xxRate", "must be a rate from 0 to 1"),
        row("gates: {maxTimeoutRate: -0.1}", "gates.maxTimeoutRate", "must be a rate from 0 to 1"),
        row("gates: {max5xxRate: .nan}", "gates.max5xxRate", "must be a rate from 0 to 1 (0.05 is 5 %), was NaN (a number)"),
        row("gates: {maxP95Millis: 0}", "gates.maxP95Millis", "must be a number of milliseconds greater than 0"),
        row("gates: {maxP99Millis: fast}", "gates.maxP99Millis", "or null for no absolute limit, was 'fast'"),
        row("gates: {maxErrorRateFactor: 0.9}", "gates.maxErrorRateFactor", "must be a factor of at least 1"),
        row("gates: {maxP95Factor: .inf}", "gates.maxP95Factor", "must be a factor of at least 1"),
        row("gates: {confidence: 0.5}", "gates.confidence", "must be a confidence greater than 0.5 and less than 1"),
        row("gates: {confidence: 1}", "gates.confidence", "less than 1, such as 0.99, was 1 (a number)"),
        row("failurePolicy: {maxFailedTenantsPerWave: -1}", "failurePolicy.maxFailedTenantsPerWave",
            "must be a whole number of tenants, 0 or more"),
        row("failurePolicy: {autoRollback: 'yes'}", "failurePolicy.autoRollback", "must be true or false, was 'yes'"),
        row("failurePolicy: {onInconclusive: RETRY}", "failurePolicy.onInconclusive",
            "must be one of [HOLD, PASS, FAIL], was 'RETRY'"),
        row("failurePolicy: {retries: 3}", "failurePolicy.retries",
            "unknown key; allowed keys are maxFailedTenantsPerWave, autoRollback, onInconclusive"),
        row("enterprise: {maintenanceWindowsOnly: 1}", "enterprise.maintenanceWindowsOnly", "must be true or false"),
        row("enterprise: {windows: true}", "enterprise.windows", "unknown key; allowed keys are maintenanceWindowsOnly"),
        row("regions: ~", "regions", "is required: a non-empty list of regions, each with keys region, waves"),
        row("regions: []", "regions", "must be a non-empty list of regions, each with keys region, waves, was an empty list"),
        row("regions: eu-west", "regions", "was 'eu-west'"),
        row("regions: [eu-west]", "regions[0]", "must be a mapping with keys region, waves, was 'eu-west'"),
        row("regions: [{region: EU_West, waves: [" + WAVE + "]}]", "regions[0].region", "must be a region id"),
        row("regions: [{waves: [" + WAVE + "]}]", "regions[0].region", "is required: a region id"),
        row("regions: [{region: eu-west, waves: [" + WAVE + "]}, {region: eu-west, waves: [" + WAVE + "]}]",
            "regions[1].region", "'eu-west' is already used at regions[0].region; each region appears once in a plan"),
        row("regions: [{region: eu-west, waves: []}]", "regions[0].waves", "must be a non-empty list of waves"),
        row("regions: [{region: eu-west}]", "regions[0].waves",
            "is required: a non-empty list of waves, each with keys name, cohort and (optionally) steps"),
        row("regions: [{region: eu-west, name: x, waves: [" + WAVE + "]}]", "regions[0].name",
            "unknown key; allowed keys are region, waves"),
        wave("{name: ' ', cohort: {}}", W + "name", "must be a wave name: not blank"),
        wave("{cohort: {}}", W + "name", "is required: a wave name"),
        wave(WAVE + ", " + WAVE, "regions[0].waves[1].name",
            "'internal' is already used at regions[0].waves[0].name; wave names are unique within a region"),
        wave("{name: a, cohort: {}, percent: [1]}", W + "percent", "unknown key; allowed keys are name, cohort, steps"),
        wave("{name: a}", W + "cohort", "is required: a mapping with keys tracks, tiers, flags, tenants, exclude"),
        wave("{name: a, cohort: all}", W + "cohort", "must be a mapping with keys tracks, tiers, flags, tenants, exclude"),
        wave("{name: a, cohort: {track: [INTERNAL]}}", W + "cohort.track", "unknown key; allowed keys are tracks"),
        wave("{name: a, cohort: {tracks: [internal]}}", W + "cohort.tracks[0]", "must be " + TRACKS + ", was 'internal'"),
        wave("{name: a, cohort: {tracks: INTERNAL}}", W + "cohort.tracks", "must be a list, each element " + TRACKS),
        wave("{name: a, cohort: {tiers: [GOLD]}}", W + "cohort.tiers[0]", "must be one of [FREE, SMB, ENTERPRISE]"),
        wave("{name: a, cohort: {flags: {new-pipeline: 'on'}}}", W + "cohort.flags.new-pipeline",
            "must be true or false, was 'on'"),
        wave("{name: a, cohort: {flags: [new-pipeline]}}", W + "cohort.flags",
            "must be a mapping of names to true or false, was a list"),
        wave("{name: a, cohort: {tenants: [Acme]}}", W + "cohort.tenants[0]", "must be a tenant id"),
        wave("{name: a, cohort: {exclude: [x]}}", W + "cohort.exclude[0]", "must be a tenant id"),
        wave("{name: a, cohort: {}, steps: [1, 5, 5, 100]}", W + "steps[2]",
            "must be greater than the step before it (5); steps are increasing percentages ending at 100"),
        wave("{name: a, cohort: {}, steps: [1, 50]}", W + "steps[1]",
            "must be 100, the whole cohort, as the last step; steps are increasing percentages ending at 100"),
        wave("{name: a, cohort: {}, steps: [0, 100]}", W + "steps[0]", "must be a whole percentage from 1 to 100, was 0"),
        wave("{name: a, cohort: {}, steps: [1, 101]}", W + "steps[1]", "from 1 to 100, was 101"),
        wave("{name: a, cohort: {}, steps: [1, '5', 100]}", W + "steps[1]", "from 1 to 100, was '5'"),
        wave("{name: a, cohort: {}, steps: []}", W + "steps", "must not be empty; steps are increasing percentages"),
        wave("{name: a, cohort: {}, steps: 100}", W + "steps", "must be a list, each element a whole percentage"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("rules")
  void shouldNameTheFieldAndWhatIsAllowed(String line, String field, String message) {
    assertThat(PlanParserTest.violations(document(line))).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo(field);
      assertThat(v.message()).contains(message);
    });
  }

  private static Arguments row(String line, String field, String message) {
    return Arguments.of(line, field, message);
  }

  private static Arguments wave(String waves, String field, String message) {
    return row("regions: [{region: eu-west, waves: [" + waves + "]}]", field, message);
  }

  /** A valid plan, with the top-level key of {@code line} replaced by it (or added). */
  private static String document(String line) {
    Map<String, String> lines = new LinkedHashMap<>();
    lines.put("releaseId", "releaseId: rel-2026-12-crm-42");
    lines.put("appVersion", "appVersion: 2.4.0");
    lines.put("previousAppVersion", "previousAppVersion: 2.3.1");
    lines.put("regions", "regions: [{region: eu-west, waves: [" + WAVE + "]}]");
    lines.put(line.substring(0, line.indexOf(':')), line);
    return lines.values().stream().collect(Collectors.joining("\n", "", "\n"));
  }
}
