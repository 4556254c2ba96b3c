package dev.tenantwave.cli.release;

import dev.tenantwave.cli.release.ReleaseDocuments.Failure;
import dev.tenantwave.cli.release.ReleaseDocuments.Tenant;
import dev.tenantwave.cli.release.ReleaseDocuments.TenantPage;
import java.util.List;

/** A release's tenants as tables: all of a page, or the failed ones with what the gate saw. */
final class TenantText {

  private TenantText() {}

  static String of(TenantPage page) {
    if (page.tenants().isEmpty()) {
      return "no tenant matches\n";
    }
    Table table = new Table().row("TENANT", "REGION", "WAVE", "STEP", "TIER", "TENANCY", "STATUS", "ATTEMPT",
        "VERSION", "DETAIL");
    for (Tenant tenant : page.tenants()) {
      table.row(tenant.tenantId(), tenant.region(), tenant.wave(), tenant.step(), tenant.tier(), tenant.tenancy(),
          tenant.status(), tenant.attempt(), tenant.onNewVersion() ? "new" : "previous", detail(tenant));
    }
    return table.render("") + page.total() + (page.total() == 1 ? " tenant" : " tenants") + "\n";
  }

  static String failures(List<Tenant> tenants) {
    Table table = new Table().row("TENANT", "REGION", "WAVE", "STEP", "STATUS", "KIND", "GATE", "OBSERVED",
        "THRESHOLD", "BASELINE", "REASON");
    for (Tenant tenant : tenants) {
      Failure failure = tenant.failure() == null ? new Failure(null, null, null, null, null, null, null)
          : tenant.failure();
      table.row(tenant.tenantId(), tenant.region(), tenant.wave(), tenant.step(), tenant.status(), failure.kind(),
          failure.gate(), Progress.number(failure.observed()), Progress.number(failure.threshold()),
          Progress.number(failure.baseline()), failure.reason());
    }
    return table.render("  ");
  }

  private static String detail(Tenant tenant) {
    Failure failure = tenant.failure();
    if (failure != null) {
      return failure.kind() + (failure.gate() == null ? "" : " " + failure.gate() + " observed "
          + Progress.number(failure.observed()) + ", threshold " + Progress.number(failure.threshold())
          + ", baseline " + Progress.number(failure.baseline())) + ": " + failure.reason();
    }
    return tenant.awaiting() == null ? "" : "awaiting " + tenant.awaiting();
  }
}
