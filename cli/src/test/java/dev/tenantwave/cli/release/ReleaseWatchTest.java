package dev.tenantwave.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.cli.release.ReleaseDocuments.ReleaseDetail;
import dev.tenantwave.cli.release.ReleaseFeed.ReleaseUpdate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Watching, fed from fixtures instead of the orchestrator: when it ends, and what each display prints. */
class ReleaseWatchTest {

  private final StringWriter out = new StringWriter();
  private final List<String> delivered = new ArrayList<>();

  /** Hands the fixtures over in order, as long as the watch wants more. */
  private ReleaseFeed feedOf(String... fixtures) {
    return (releaseId, listener) -> {
      for (String fixture : fixtures) {
        delivered.add(fixture);
        String document = Fixtures.json(fixture);
        if (!listener.onUpdate(new ReleaseUpdate(ReleaseDocuments.read(document, ReleaseDetail.class), document))) {
          return;
        }
      }
    };
  }

  @Test
  void shouldEndWithSuccessOnceTheReleaseAwaitsContractApproval() throws InterruptedException {
    ReleaseWatch.Ending ending = new ReleaseWatch(feedOf("release-running.json", "release-awaiting-contract.json",
        "release-running.json"), WatchDisplay.lines(new PrintWriter(out))).follow("r-2024-05-crm");

    assertThat(ending.exitCode()).isZero();
    assertThat(delivered).hasSize(2);
  }

  @Test
  void shouldEndWithExitFourWhenARegionPausedOnFailedTenants() throws InterruptedException {
    ReleaseWatch.Ending ending = new ReleaseWatch(feedOf("release-running.json", "release-stopped-on-failures.json",
        "release-awaiting-contract.json"), WatchDisplay.lines(new PrintWriter(out))).follow("r-2024-05-crm");

    assertThat(ending.exitCode()).isEqualTo(4);
    assertThat(ending.message()).isEqualTo("release r-2024-05-crm stopped on failures: eu-west is paused with 2"
        + " failed tenant(s) in its current wave (wave early: 2 failed tenant(s), the failure policy tolerates 1)");
    assertThat(delivered).hasSize(2);
  }

  @Test
  void shouldKeepWatchingAReleaseAnOperatorPaused() {
    ReleaseDetail paused = Fixtures.read("release-running.json", ReleaseDetail.class);
    paused = new ReleaseDetail(paused.id(), paused.appVersion(), paused.previousAppVersion(), paused.migrationSet(),
        "PAUSED", "paused by ann: lunch", null, null, paused.tenants(), paused.regions(), paused.failedTenants(),
        paused.version() + 1);

    assertThat(ReleaseWatch.endingOf(paused)).isEmpty();
  }

  @Test
  void shouldPrintOneLinePerChangeWhenItCannotRedraw() throws InterruptedException {
    new ReleaseWatch(feedOf("release-running.json", "release-running.json", "release-stopped-on-failures.json"),
        WatchDisplay.lines(new PrintWriter(out))).follow("r-2024-05-crm");

    assertThat(out.toString().lines().toList()).satisfiesExactly(
        line -> assertThat(line).startsWith("r-2024-05-crm RUNNING | eu-west RUNNING wave 1 step 1"),
        line -> assertThat(line).startsWith("r-2024-05-crm RUNNING | eu-west PAUSED wave 1 step 1"));
  }

  @Test
  void shouldRedrawTheWholeViewOnATerminalOnlyWhenItChanged() throws InterruptedException {
    new ReleaseWatch(feedOf("release-running.json", "release-running.json", "release-awaiting-contract.json"),
        WatchDisplay.redrawing(new PrintWriter(out))).follow("r-2024-05-crm");

    String[] screens = out.toString().split(java.util.regex.Pattern.quote(WatchDisplay.CLEAR_SCREEN), -1);
    assertThat(screens).hasSize(3);
    assertThat(screens[0]).isEmpty();
    assertThat(screens[1]).isEqualTo(ReleaseText.of(Fixtures.read("release-running.json", ReleaseDetail.class)));
    assertThat(screens[2]).startsWith("release r-2024-05-crm  AWAITING_CONTRACT_APPROVAL");
  }

  @Test
  void shouldPrintEachChangedDocumentUnchangedAsJson() throws InterruptedException {
    new ReleaseWatch(feedOf("release-running.json", "release-running.json", "release-awaiting-contract.json"),
        WatchDisplay.json(new PrintWriter(out))).follow("r-2024-05-crm");

    assertThat(out.toString()).isEqualTo(Fixtures.json("release-running.json").strip() + "\n"
        + Fixtures.json("release-awaiting-contract.json").strip() + "\n");
  }
}
