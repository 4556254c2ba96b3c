package dev.tenantwave.catalog.tenant;

import dev.tenantwave.catalog.vocabulary.Vocabulary;
import dev.tenantwave.service.placement.PlacementRule;
import dev.tenantwave.service.problem.Problem.Violation;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks the shape of a requested tenant on its own (references and residency are checked against the topology). */
public final class TenantValidator {

  public static final String ID_PATTERN = Vocabulary.ID_PATTERN;
  private static final Pattern HH_MM = Pattern.compile("^([01][0-9]|2[0-3]):[0-5][0-9]$");
  private static final int MAX_TEXT = 200;

  private TenantValidator() {}

  public static boolean isValidId(String id) {
    return Vocabulary.isValidId(id);
  }

  public static String idProblem(String id) {
    return Vocabulary.idProblem(id);
  }

  public static List<Violation> validate(Tenant t) {
    List<String> problems = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    Check check = (field, ok, message) -> {
      if (!ok) {
        fields.add(field);
        problems.add(message);
      }
    };
    check.that("id", isValidId(t.id()), idProblem(t.id()));
    check.that("displayName", t.displayName() != null && !t.displayName().isBlank()
        && t.displayName().length() <= MAX_TEXT, "displayName is required (1-200 characters)");
    oneOf(check, "tier", t.tier(), TenantEnums.TIERS, true);
    oneOf(check, "track", t.track(), TenantEnums.TRACKS, true);
    oneOf(check, "tenancy", t.tenancy(), TenantEnums.TENANCY_MODELS, true);
    oneOf(check, "status", t.status(), TenantEnums.STATUSES, false);
    check.that("region", present(t.region()), "region is required (a region id such as eu-west)");
    check.that("cell", present(t.cell()), "cell is required (a cell id such as eu-west-1)");
    check.that("cluster", present(t.cluster()), "cluster is required (a database cluster id such as pg-eu-west-a)");
    PlacementRule.identifierShape("database", t.database())
        .ifPresent(refusal -> check.that("database", false, refusal.detail()));
    if ("SCHEMA".equals(t.tenancy()) || t.schema() != null) {
      PlacementRule.identifierShape("schema", t.schema())
          .ifPresent(refusal -> check.that("schema", false, t.schema() == null
              ? "schema is required for SCHEMA tenancy: " + refusal.detail() : refusal.detail()));
    }
    check.that("owner", present(t.owner()) && t.owner().length() <= MAX_TEXT, "owner is required (the owning team)");
    for (Map.Entry<String, Boolean> flag : t.flags().entrySet()) {
      check.that("flags", flag.getKey() != null && !flag.getKey().isBlank() && flag.getKey().length() <= 100
          && flag.getValue() != null, "flags must map non-empty names (at most 100 characters) to true or false");
    }
    for (int i = 0; i < t.integrations().size(); i++) {
      Tenant.Integration integration = t.integrations().get(i);
      check.that("integrations[" + i + "]", integration != null && present(integration.name())
          && present(integration.apiVersion()), "each integration needs a name and an apiVersion");
    }
    for (int i = 0; i < t.maintenanceWindows().size(); i++) {
      windowProblems(check, "maintenanceWindows[" + i + "]", t.maintenanceWindows().get(i));
    }
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      violations.add(Violation.field(fields.get(i), problems.get(i)));
    }
    return violations;
  }

  private static void windowProblems(Check check, String field, Tenant.MaintenanceWindow w) {
    if (w == null) {
      check.that(field, false, "a maintenance window needs days, start, end and zone");
      return;
    }
    check.that(field + ".days", !w.days().isEmpty()
        && w.days().stream().allMatch(TenantEnums.DAYS::contains), "days must be a non-empty list of "
        + TenantEnums.DAYS);
    check.that(field + ".start", w.start() != null && HH_MM.matcher(w.start()).matches(), "start must be HH:mm");
    check.that(field + ".end", w.end() != null && HH_MM.matcher(w.end()).matches(), "end must be HH:mm");
    check.that(field + ".zone", isZone(w.zone()), "zone must be an IANA time zone such as Europe/Berlin");
  }

  private static boolean isZone(String zone) {
    try {
      return zone != null && ZoneId.of(zone) != null;
    } catch (DateTimeException e) {
      return false;
    }
  }


  private static void oneOf(Check check, String field, String value, List<String> allowed, boolean required) {
    if (value == null) {
      check.that(field, !required, field + " is required: one of " + allowed);
    } else {
      check.that(field, allowed.contains(value), field + " '" + abbreviate(value) + "' is not one of " + allowed);
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank() && value.length() <= MAX_TEXT;
  }

  public static String abbreviate(String value) {
    return Vocabulary.abbreviate(value);
  }

  @FunctionalInterface
  private interface Check {
    void that(String field, boolean ok, String message);
  }
}
