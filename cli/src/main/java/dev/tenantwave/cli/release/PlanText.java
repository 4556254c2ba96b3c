package dev.tenantwave.cli.release;

import dev.tenantwave.cli.release.ReleaseDocuments.EnterpriseWait;
import dev.tenantwave.cli.release.ReleaseDocuments.PlanView;
import dev.tenantwave.cli.release.ReleaseDocuments.PlannedRegion;
import dev.tenantwave.cli.release.ReleaseDocuments.PlannedStep;
import dev.tenantwave.cli.release.ReleaseDocuments.PlannedWave;
import dev.tenantwave.cli.release.ReleaseDocuments.Skipped;
import java.util.List;
import java.util.stream.Collectors;

/** A planned release for people: per region its waves and steps with their tenants, then who was skipped and why. */
final class PlanText {

  /** Tenant ids shown per step; the rest are counted. */
  static final int TENANTS_SHOWN = 5;

  private PlanText() {}

  static String of(PlanView plan) {
    StringBuilder text = new StringBuilder();
    text.append("release ").append(plan.releaseId()).append("  ").append(plan.previousAppVersion()).append(" -> ")
        .append(plan.appVersion()).append("  ")
        .append(plan.migrationSet() == null ? "no migrations" : "migrations " + plan.migrationSet())
        .append("  regions ").append(plan.regionOrder()).append("  ").append(plan.tenantCount()).append(" tenants")
        .append("  planned at ").append(plan.plannedAt()).append('\n');
    Table regions = new Table();
    for (PlannedRegion region : plan.regions()) {
      regions.note("").note((region.position() + 1) + ". " + region.region());
      for (PlannedWave wave : region.waves()) {
        for (PlannedStep step : wave.steps()) {
          regions.row(step == wave.steps().get(0) ? "wave " + wave.index() + " " + wave.name() : "",
              "step " + step.index(), String.format("%3d%%", step.percent()),
              step.tenants().size() + (step.tenants().size() == 1 ? " tenant" : " tenants"), sample(step.tenants()));
          for (EnterpriseWait wait : step.enterpriseWaits()) {
            regions.note("      " + wait.tenantId() + (wait.noWindow()
                ? " (enterprise) has no maintenance window: waits for an operator"
                : " (enterprise) waits for its maintenance window at " + wait.nextWindow()));
          }
        }
      }
    }
    text.append(regions.render("  "));
    if (!plan.skipped().isEmpty()) {
      text.append("\nskipped ").append(plan.skipped().size())
          .append(plan.skipped().size() == 1 ? " tenant\n" : " tenants\n");
      Table skipped = new Table();
      for (Skipped tenant : plan.skipped()) {
        skipped.row(tenant.tenantId(), tenant.region(), tenant.reason());
      }
      text.append(skipped.render("  "));
    }
    return text.toString();
  }

  private static String sample(List<String> tenants) {
    String shown = tenants.stream().limit(TENANTS_SHOWN).collect(Collectors.joining(", "));
    return tenants.size() <= TENANTS_SHOWN ? shown : shown + " and " + (tenants.size() - TENANTS_SHOWN) + " more";
  }
}
