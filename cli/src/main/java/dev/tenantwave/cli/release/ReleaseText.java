package dev.tenantwave.cli.release;

import dev.tenantwave.cli.release.ReleaseDocuments.Region;
import dev.tenantwave.cli.release.ReleaseDocuments.ReleaseDetail;
import dev.tenantwave.cli.release.ReleaseDocuments.Step;
import dev.tenantwave.cli.release.ReleaseDocuments.Wave;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A release for people: the compact view (per region its waves and steps with a progress bar, counts by status,
 * failed tenants with the gate's numbers) and the one-line summary {@code watch} prints when it cannot redraw.
 */
final class ReleaseText {

  private ReleaseText() {}

  static String of(ReleaseDetail release) {
    StringBuilder text = new StringBuilder();
    text.append("release ").append(release.id()).append("  ").append(release.state()).append("  ")
        .append(release.previousAppVersion()).append(" -> ").append(release.appVersion()).append("  ")
        .append(release.migrationSet() == null ? "no migrations" : "migrations " + release.migrationSet()).append('\n');
    if (release.stateReason() != null) {
      text.append("  ").append(release.stateReason()).append('\n');
    }
    if (release.approvedBy() != null) {
      text.append("  contract approved by ").append(release.approvedBy()).append(" at ").append(release.approvedAt())
          .append('\n');
    }
    text.append(withCounts("tenants  " + Progress.bar(release.tenants()), Progress.notPassed(release.tenants())))
        .append('\n');
    Table regions = new Table();
    for (Region region : release.regions()) {
      regions.note("").note(region.region() + "  " + region.state()
          + (region.pausedReason() == null ? "" : ": " + region.pausedReason()));
      Optional<Step> current = currentStep(region);
      for (Wave wave : region.waves()) {
        String label = "wave " + wave.index() + " " + wave.name() + (wave.failed() > 0 ? " (" + wave.failed()
            + " failed)" : "");
        for (Step step : wave.steps()) {
          regions.row(step == wave.steps().get(0) ? label : "",
              (current.orElse(null) == step ? "> " : "  ") + "step " + step.index(),
              String.format("%3d%%", step.percent()), step.state(), Progress.bar(step.tenants()),
              Progress.notPassed(step.tenants()));
        }
      }
    }
    text.append(regions.render("  "));
    if (!release.failedTenants().isEmpty()) {
      text.append("\nfailed tenants\n").append(TenantText.failures(release.failedTenants()));
    }
    return text.toString();
  }

  /** {@code r-1 RUNNING | eu-west RUNNING wave 1 step 0 [##........] 3/12 passed | us-east WAITING | …}. */
  static String line(ReleaseDetail release) {
    List<String> parts = new ArrayList<>();
    parts.add(release.id() + " " + release.state() + (release.stateReason() == null ? "" : " (" + release.stateReason()
        + ")"));
    for (Region region : release.regions()) {
      String where = currentWave(region).flatMap(wave -> currentStep(region).map(step -> " wave " + wave.index()
          + " step " + step.index() + " " + Progress.bar(step.tenants()))).orElse("");
      parts.add(region.region() + " " + region.state() + where
          + (region.pausedReason() == null ? "" : " (" + region.pausedReason() + ")"));
    }
    parts.add(withCounts("tenants " + Progress.bar(release.tenants()), Progress.notPassed(release.tenants())));
    return String.join(" | ", parts);
  }

  /**
   * The wave the region is in: the one the orchestrator names, while the region runs or is paused. Its step is the
   * last that has started, since a wave's steps run one after another.
   */
  static Optional<Wave> currentWave(Region region) {
    if (region.currentWave() == null || !(region.state().equals("RUNNING") || region.state().equals("PAUSED"))) {
      return Optional.empty();
    }
    return region.waves().stream().filter(wave -> wave.index() == region.currentWave()).findFirst();
  }

  static Optional<Step> currentStep(Region region) {
    return currentWave(region).flatMap(wave -> wave.steps().stream().filter(step -> !step.state().equals("WAITING"))
        .reduce((earlier, later) -> later));
  }

  private static String withCounts(String bar, String notPassed) {
    return notPassed.isEmpty() ? bar : bar + "  " + notPassed;
  }
}
