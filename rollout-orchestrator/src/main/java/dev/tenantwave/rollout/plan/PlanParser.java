package dev.tenantwave.rollout.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a release plan from YAML or JSON (JSON is YAML) and reports every violation at once, each with the path of
 * its field and what is allowed there.
 */
public final class PlanParser {

  public static final int MAX_BYTES = 1024 * 1024;
  static final List<String> KEYS = List.of("releaseId", "appVersion", "previousAppVersion", "migrationSet",
      "regionOrder", "excludeTenants", "gates", "failurePolicy", "enterprise", "regions");

  private PlanParser() {}

  public static PlanParse parse(String yamlOrJson) {
    if (yamlOrJson == null || yamlOrJson.isBlank()) {
      return refused("the plan is empty; expected a mapping with keys " + String.join(", ", KEYS));
    }
    if (yamlOrJson.length() > MAX_BYTES || yamlOrJson.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return refused("the plan is larger than 1 MiB (" + MAX_BYTES + " bytes); a plan is a few kilobytes");
    }
    Object document;
    try {
      document = yaml().load(withoutJsonTabs(yamlOrJson));
    } catch (YAMLException e) {
      return refused("the plan is not valid YAML or JSON: " + e.getMessage());
    }
    if (!(document instanceof Map<?, ?> map)) {
      return refused(document == null ? "the plan is empty; expected a mapping with keys " + String.join(", ", KEYS)
          : "the plan must be a mapping with keys " + String.join(", ", KEYS) + ", was " + ValueType.shown(document));
    }
    List<PlanViolation> violations = new ArrayList<>();
    ReleasePlan plan = read(new Section("", map, KEYS, violations));
    return violations.isEmpty() ? new PlanParse.Valid(plan) : new PlanParse.Invalid(violations);
  }

  private static ReleasePlan read(Section doc) {
    String releaseId = doc.required("releaseId", PlanValues.RELEASE_ID, "");
    String appVersion = doc.required("appVersion", PlanValues.VERSION, "");
    String previousAppVersion = doc.required("previousAppVersion", PlanValues.VERSION, "");
    if (!appVersion.isEmpty() && appVersion.equals(previousAppVersion)) {
      doc.violation("previousAppVersion",
          "must differ from appVersion (" + appVersion + "): a release moves tenants from one version to another");
    }
    return new ReleasePlan(releaseId, appVersion, previousAppVersion,
        doc.optional("migrationSet", PlanValues.MIGRATION_SET, null),
        doc.optional("regionOrder", ValueType.oneOf(RegionOrder.class), RegionOrder.SEQUENTIAL),
        RegionsReader.regions(doc),
        SettingsReader.gates(doc.section("gates", SettingsReader.GATE_KEYS, false)),
        SettingsReader.failurePolicy(doc.section("failurePolicy", SettingsReader.FAILURE_KEYS, false)),
        SettingsReader.enterpriseInMaintenanceWindows(doc.section("enterprise", SettingsReader.ENTERPRISE_KEYS, false)),
        Set.copyOf(doc.list("excludeTenants", PlanValues.TENANT_ID).orElse(List.of())));
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setCodePointLimit(MAX_BYTES);
    return new Yaml(new SafeConstructor(options));
  }

  /**
   * SnakeYAML refuses tabs where JSON allows them between tokens. Valid JSON has no raw tab inside a string, so in a
   * document that starts as JSON every tab is whitespace and may become a space.
   */
  private static String withoutJsonTabs(String text) {
    String start = text.stripLeading();
    return start.startsWith("{") || start.startsWith("[") ? text.replace('\t', ' ') : text;
  }

  private static PlanParse refused(String message) {
    return new PlanParse.Invalid(List.of(new PlanViolation("", message)));
  }
}
