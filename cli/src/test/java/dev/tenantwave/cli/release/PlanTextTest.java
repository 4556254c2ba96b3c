package dev.tenantwave.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.cli.release.ReleaseDocuments.PlanView;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTextTest {

  private final List<String> view = PlanText.of(Fixtures.read("plan-view.json", PlanView.class)).lines().toList();

  @Test
  void shouldHeadThePlanWithVersionsRegionOrderAndTenantCount() {
    assertThat(view.get(0)).isEqualTo("release r-2024-05-crm  2.3.1 -> 2.4.0  migrations crm-2024-05"
        + "  regions SEQUENTIAL  35 tenants  planned at 2024-05-01T09:00:00Z");
  }

  @Test
  void shouldListRegionsInOrderWithEachStepsTenantsAndEnterpriseWaits() {
    assertThat(view).containsSubsequence(
        "1. eu-west",
        "  wave 0 canary  step 0  100%  2 tenants   acme-dev, beta-dev",
        "  wave 1 early   step 0   25%  4 tenants   t01, t02, t03, t04",
        "                 step 1  100%  10 tenants  t05, t06, t07, t08, t09 and 5 more",
        "      big-bank (enterprise) waits for its maintenance window at 2024-05-04T01:00:00Z",
        "      mega-corp (enterprise) has no maintenance window: waits for an operator",
        "",
        "2. us-east",
        "  wave 0 canary  step 0  100%  9 tenants   u01, u02, u03, u04, u05 and 4 more");
  }

  @Test
  void shouldSayWhichTenantsWereSkippedAndWhy() {
    assertThat(view).containsSubsequence("skipped 2 tenants",
        "  frozen-co  eu-west  suspended in the catalog",
        "  old-ltd    us-east  already on 2.4.0");
  }
}
