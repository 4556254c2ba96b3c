package dev.tenantwave.cli.release;

import dev.tenantwave.cli.release.ReleaseDocuments.ReleaseSummary;
import java.util.List;

/** The releases, newest first, one line each. */
final class ReleaseListText {

  private ReleaseListText() {}

  static String of(List<ReleaseSummary> releases) {
    if (releases.isEmpty()) {
      return "no releases\n";
    }
    Table table = new Table().row("RELEASE", "VERSION", "STATE", "PROGRESS", "REGIONS", "CREATED", "OTHER TENANTS");
    for (ReleaseSummary release : releases) {
      table.row(release.id(), release.appVersion(), release.state(), Progress.bar(release.tenants()),
          String.join(",", release.regions()), release.createdAt() + " by " + release.createdBy(),
          Progress.notPassed(release.tenants()));
    }
    return table.render("");
  }
}
