package dev.tenantwave.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.cli.release.ReleaseDocuments.ReleaseDetail;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseTextTest {

  private static List<String> lines(String fixture) {
    return ReleaseText.of(Fixtures.read(fixture, ReleaseDetail.class)).lines().toList();
  }

  @Test
  void shouldHeadTheViewWithVersionsMigrationsAndTenantsByStatusInTheOrderTheyGoThrough() {
    List<String> view = lines("release-running.json");

    assertThat(view.get(0)).isEqualTo("release r-2024-05-crm  RUNNING  2.3.1 -> 2.4.0  migrations crm-2024-05");
    assertThat(view.get(1))
        .isEqualTo("tenants  [#####.....] 18/33 passed  WAITING 9, MIGRATING 2, BAKING 3, FAILED 1");
  }

  @Test
  void shouldShowEachRegionsWavesAndStepsWithAProgressBarAndMarkTheCurrentStep() {
    List<String> view = lines("release-running.json");

    assertThat(view).containsSubsequence(
        "eu-west  RUNNING",
        "  wave 0 canary              step 0  100%  COMPLETED  [##########] 2/2 passed",
        "  wave 1 early (1 failed)    step 0   25%  COMPLETED  [##########] 4/4 passed",
        "                           > step 1  100%  RUNNING    [#######...] 12/18 passed  MIGRATING 2, BAKING 3, FAILED 1",
        "",
        "us-east  WAITING",
        "  wave 0 canary              step 0  100%  WAITING    [..........] 0/9 passed    WAITING 9");
  }

  @Test
  void shouldListFailedTenantsWithTheGateObservedThresholdBaselineAndReason() {
    List<String> view = lines("release-stopped-on-failures.json");

    int header = view.indexOf("failed tenants");
    assertThat(header).isPositive();
    assertThat(view.get(header + 1).split("\\s+")).containsExactly("", "TENANT", "REGION", "WAVE", "STEP", "STATUS",
        "KIND", "GATE", "OBSERVED", "THRESHOLD", "BASELINE", "REASON");
    assertThat(view.get(header + 2).split("\\s{2,}")).containsExactly("", "acme", "eu-west", "1", "1", "FAILED",
        "GATE", "error-rate-5xx", "0.081", "0.05", "0.004", "5xx rate 8.1% over 412 requests, above 5%");
    assertThat(view.get(header + 3).split("\\s{2,}")).containsExactly("", "globex", "eu-west", "1", "1", "FAILED",
        "MIGRATION", "-", "-", "-", "-", "MIGRATE failed: deadlock detected");
  }

  @Test
  void shouldSayWhyARegionIsPausedAndKeepItsLastStartedStepAsCurrent() {
    List<String> view = lines("release-stopped-on-failures.json");

    assertThat(view).contains("eu-west  PAUSED: wave early: 2 failed tenant(s), the failure policy tolerates 1");
    assertThat(view).filteredOn(line -> line.contains("> step")).singleElement().asString()
        .contains("> step 1", "[#########.] 14/16 passed", "FAILED 2");
  }

  @Test
  void shouldSayWhatTheReleaseWaitsForAndMarkNoStepOnceRegionsCompleted() {
    List<String> view = lines("release-awaiting-contract.json");

    assertThat(view.get(1)).isEqualTo("  every region completed; contract needs an admin's approval");
    assertThat(view).contains("tenants  [##########] 33/33 passed", "eu-west  COMPLETED", "us-east  COMPLETED")
        .noneMatch(line -> line.contains("> step")).doesNotContain("failed tenants");
  }

  @Test
  void shouldSummariseTheReleaseOnOneLineForLogs() {
    assertThat(ReleaseText.line(Fixtures.read("release-stopped-on-failures.json", ReleaseDetail.class))).isEqualTo(
        "r-2024-05-crm RUNNING | eu-west PAUSED wave 1 step 1 [#########.] 14/16 passed (wave early: 2 failed"
            + " tenant(s), the failure policy tolerates 1) | us-east WAITING"
            + " | tenants [######....] 20/33 passed  WAITING 11, FAILED 2");
  }
}
