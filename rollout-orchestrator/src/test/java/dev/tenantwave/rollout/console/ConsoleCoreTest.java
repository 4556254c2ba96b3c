package dev.tenantwave.rollout.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.events.GateWindow;
import dev.tenantwave.rollout.console.ConsoleDelta.ProgressPoint;
import dev.tenantwave.rollout.console.ConsoleDelta.VerdictPoint;
import dev.tenantwave.rollout.console.ConsoleDelta.WindowPoint;
import dev.tenantwave.rollout.tenant.RolloutStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** The console's grid vocabulary, its bounded per-tenant memory and its fan-out of deltas. */
class ConsoleCoreTest {

  @Test
  void shouldGiveEveryStatusAGridColourAndTellRollingBackFromGoingForward() {
    for (RolloutStatus status : RolloutStatus.values()) {
      assertThat(GridState.of(status)).as(status.name()).isNotNull();
    }
    assertThat(GridState.of(RolloutStatus.HELD)).isEqualTo(GridState.IN_PROGRESS);
    assertThat(GridState.of(RolloutStatus.CONTRACTED)).isEqualTo(GridState.PASSED);
    assertThat(GridState.announced("ROLLBACK", "IN_PROGRESS")).isEqualTo(GridState.ROLLING_BACK);
    assertThat(GridState.announced("BAKE", "IN_PROGRESS")).isEqualTo(GridState.IN_PROGRESS);
    assertThat(GridState.announced("MIGRATE", "FAILED")).isEqualTo(GridState.FAILED);
    assertThat(GridState.announced("DONE", "UNKNOWN")).isNull();
  }

  @Test
  void shouldKeepTheLastVerdictsAndTheLatestProgressPerPhaseWithinBounds() {
    TenantSignals signals = new TenantSignals(2, 3, 3);
    for (int i = 0; i < 5; i++) {
      signals.noteVerdict("r", "t1", verdict(i));
    }
    signals.noteProgress("r", "t1", progress("MIGRATE", 100, 2_000));
    signals.noteProgress("r", "t1", progress("MIGRATE", 50, 1_000));   // older report arriving late
    signals.noteProgress("r", "t1", progress("EXPAND", 0, 500));

    TenantSignals.Snapshot t1 = signals.of("r", "t1");
    assertThat(t1.verdicts()).extracting(VerdictPoint::windowEnd).containsExactly(2L, 3L, 4L);
    assertThat(t1.progress()).extracting(ProgressPoint::phase, ProgressPoint::rowsDone)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("EXPAND", 0L), org.assertj.core.groups.Tuple.tuple("MIGRATE", 100L));

    signals.noteVerdict("r", "t2", verdict(1));
    signals.noteVerdict("r", "t3", verdict(1));
    assertThat(signals.size()).isEqualTo(2);
    assertThat(signals.of("r", "t1").verdicts()).as("least recently touched forgotten").isEmpty();
  }

  @Test
  void shouldKeepTheLastWindowsOfATenantWithinBoundsAndDropOnesSeenAlready() {
    TenantSignals signals = new TenantSignals(10, 3, 4);
    for (int i = 1; i <= 6; i++) {
      assertThat(signals.noteWindow("r", "t1", window(i * 10_000L))).isTrue();
    }

    assertThat(signals.noteWindow("r", "t1", window(50_000L))).as("read again after a reconnect").isFalse();
    assertThat(signals.noteWindow("r", "t1", window(20_000L))).as("older than the last one kept").isFalse();
    assertThat(signals.of("r", "t1").windows()).extracting(WindowPoint::windowEnd)
        .containsExactly(30_000L, 40_000L, 50_000L, 60_000L);
    assertThat(signals.of("r", "t2").windows()).isEmpty();

    signals.noteWindow("r2", "t1", window(10_000L));
    assertThat(signals.of("r2", "t1").windows()).as("kept per release").hasSize(1);
  }

  @Test
  void shouldTurnAWindowOfTheJudgedVersionIntoADeltaAndSkipOtherVersionsAndReplays() {
    TenantSignals signals = new TenantSignals(10, 3, 10);
    ConsoleFeed feed = new ConsoleFeed("unused:9092", null, Duration.ofMinutes(30), signals, delta -> { },
        Clock.systemUTC());
    GateWindow window = GateWindow.newBuilder().setEventId(UUID.randomUUID()).setSequence(20_000L)
        .setTenantId("t1").setReleaseId("r").setAppVersion("2.4.0").setJudgedVersion(true)
        .setWindowStart(Instant.ofEpochMilli(10_000L)).setWindowEnd(Instant.ofEpochMilli(20_000L))
        .setRequests(200).setRate5xx(0.03).setTimeoutRate(0.01).setP95Millis(120.0).setP99Millis(300.0)
        .setBaselineRate5xx(0.01).setBaselineTimeoutRate(0.0).setBaselineP95Millis(100.0).setBaselineP99Millis(250.0)
        .setMax5xxRate(0.05).setMaxP95Millis(400.0).build();

    ConsoleDelta delta = feed.toDelta(window);

    assertThat(delta.kind()).isEqualTo(ConsoleDelta.WINDOW);
    assertThat(delta.releaseId()).isEqualTo("r");
    assertThat(delta.tenantId()).isEqualTo("t1");
    assertThat(delta.window()).isEqualTo(new WindowPoint(20_000L, 200, 0.03, 120.0, 300.0, 0.01, 100.0));
    assertThat(signals.of("r", "t1").windows()).containsExactly(delta.window());
    assertThat(feed.toDelta(window)).as("read again").isNull();
    GateWindow oldVersion = GateWindow.newBuilder(window).setAppVersion("2.3.1").setJudgedVersion(false)
        .setWindowEnd(Instant.ofEpochMilli(30_000L)).build();
    assertThat(feed.toDelta(oldVersion)).as("traffic still on the previous version").isNull();
    assertThat(signals.of("r", "t1").windows()).hasSize(1);
  }

  @Test
  void shouldBatchTheDeltasOfTheWatchedReleaseOnly() {
    ConsoleHub hub = new ConsoleHub(Duration.ofMillis(50), 1_000);
    List<ConsoleHub.Batch> got = new CopyOnWriteArrayList<>();
    Disposable watching = hub.watch("r1", null).subscribe(got::add);
    try {
      for (int i = 0; i < 100; i++) {
        hub.accept(ConsoleDelta.tenant("r1", "t" + i, GridState.PASSED, "DONE", i));
        hub.accept(ConsoleDelta.tenant("r2", "t" + i, GridState.FAILED, "BAKE", i));
      }
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
          .until(() -> got.stream().mapToInt(b -> b.deltas().size()).sum() == 100);
      assertThat(got.size()).as("100 deltas in a few batches, not 100 events").isLessThan(10);
      assertThat(got).flatMap(ConsoleHub.Batch::deltas).allMatch(d -> d.releaseId().equals("r1"));
    } finally {
      watching.dispose();
    }
  }

  @Test
  void shouldSendAGateWindowOnlyToThePanelOfItsTenant() {
    WindowPoint point = new WindowPoint(20_000L, 200, 0.03, 120.0, 300.0, 0.01, 100.0);
    ConsoleDelta window = ConsoleDelta.window("r1", "t1", point);
    ConsoleDelta verdict = ConsoleDelta.verdict("r1", "t1", verdict(1));

    assertThat(ConsoleHub.wanted(window, "r1", null)).as("the release's grid").isFalse();
    assertThat(ConsoleHub.wanted(verdict, "r1", null)).as("the release's grid").isTrue();
    assertThat(ConsoleHub.wanted(window, "r1", "t1")).as("t1's panel").isTrue();
    assertThat(ConsoleHub.wanted(verdict, "r1", "t1")).as("t1's panel: verdicts come with the grid").isFalse();
    assertThat(ConsoleHub.wanted(window, "r1", "t2")).as("t2's panel").isFalse();
    assertThat(ConsoleHub.wanted(window, "r2", "t1")).as("another release's panel").isFalse();
    assertThat(ConsoleHub.wanted(window, null, null)).as("the releases list").isFalse();
  }

  @Test
  void shouldSendOnlyTheLastStateOfATenantInABatchButEveryVerdict() {
    List<ConsoleDelta> batch = List.of(
        ConsoleDelta.tenant("r", "t1", GridState.IN_PROGRESS, "SWITCH", 1),
        ConsoleDelta.verdict("r", "t1", verdict(1)),
        ConsoleDelta.tenant("r", "t2", GridState.IN_PROGRESS, "SWITCH", 1),
        ConsoleDelta.progress("r", "t1", progress("MIGRATE", 10, 1)),
        ConsoleDelta.progress("r", "t1", progress("MIGRATE", 20, 2)),
        ConsoleDelta.tenant("r", "t1", GridState.FAILED, "MIGRATE", 2),
        ConsoleDelta.verdict("r", "t1", verdict(2)));

    List<ConsoleDelta> sent = ConsoleHub.coalesce(batch);

    assertThat(sent).containsExactly(batch.get(1), batch.get(2), batch.get(4), batch.get(5), batch.get(6));
  }

  @Test
  void shouldSendEveryWindowOfABatchInOrderWhileCoalescingStates() {
    List<ConsoleDelta> batch = List.of(
        ConsoleDelta.window("r", "t1", window(10_000L)),
        ConsoleDelta.tenant("r", "t1", GridState.IN_PROGRESS, "MIGRATE", 1),
        ConsoleDelta.window("r", "t1", window(20_000L)),
        ConsoleDelta.window("r", "t2", window(20_000L)),
        ConsoleDelta.tenant("r", "t1", GridState.IN_PROGRESS, "BAKE", 2),
        ConsoleDelta.window("r", "t1", window(30_000L)));

    List<ConsoleDelta> sent = ConsoleHub.coalesce(batch);

    assertThat(sent).containsExactly(batch.get(0), batch.get(2), batch.get(3), batch.get(4), batch.get(5));
  }

  @Test
  void shouldSendTenThousandTenantsInAFewHundredKilobytesAndEachChangeInAFewHundredBytes() throws Exception {
    int n = 10_000;
    List<String> ids = new java.util.ArrayList<>();
    int[] region = new int[n];
    int[] wave = new int[n];
    int[] step = new int[n];
    int[] tier = new int[n];
    int[] state = new int[n];
    for (int i = 0; i < n; i++) {
      ids.add("tenant-%05d-eu".formatted(i));
      region[i] = i % 3;
      wave[i] = i % 4;
      step[i] = i % 4;
      tier[i] = i % 3;
      state[i] = i % 7;
    }
    ConsoleViews.ReleaseGrid grid = new ConsoleViews.ReleaseGrid(new dev.tenantwave.rollout.api.ReleaseViews.ReleaseDetail(
        "rel-1", "2.4.0", "2.3.1", "set", "RUNNING", null, null, null, java.util.Map.of("PASSED", (long) n), List.of(),
        List.of(), 1), new ConsoleViews.PolicyView(1, true, "HOLD"),
        ConsoleViews.GatesView.of(dev.tenantwave.rollout.plan.GateSettings.defaults()), List.of("eu-west", "us-east", "latam"),
        List.of("FREE", "SMB", "ENTERPRISE"), List.of(GridState.values()),
        new ConsoleViews.TenantColumns(ids, region, wave, step, tier, state, new boolean[n]));
    io.micronaut.serde.ObjectMapper json = io.micronaut.serde.ObjectMapper.getDefault();

    int snapshot = json.writeValueAsBytes(grid).length;
    int tenantDelta = json.writeValueAsBytes(List.of(ConsoleDelta.tenant("rel-1", "tenant-00042-eu", GridState.FAILED,
        "MIGRATE", 1_796_658_781_852_000L))).length;
    int verdictDelta = json.writeValueAsBytes(List.of(ConsoleDelta.verdict("rel-1", "tenant-00042-eu",
        new VerdictPoint("FAIL", "relative-error-rate", "5xx rate 0.31 is 6.2x its own baseline 0.05 (at most 2x)",
            0.31, 0.1, 0.05, 420, "2.4.0", 1_796_658_780_000L, 1_796_658_781_000L, 1_796_658_781_100L)))).length;
    // rates and quantiles as the gate computes them, with every digit a double has
    int windowDelta = json.writeValueAsBytes(List.of(ConsoleDelta.window("rel-1", "tenant-00042-eu",
        new WindowPoint(1_796_658_790_000L, 427, 131.0 / 427, 212.48796571051366, 481.0364125937286,
            5.0 / 1_031, 198.01873209117213)))).length;
    System.out.printf("console payloads at %,d tenants: snapshot %,d bytes, tenant delta %d bytes, verdict delta %d bytes,"
        + " window delta %d bytes%n", n, snapshot, tenantDelta, verdictDelta, windowDelta);
    assertThat(snapshot).isLessThan(400_000);
    assertThat(tenantDelta).isLessThan(150);
    assertThat(verdictDelta).isLessThan(400);
    assertThat(windowDelta).isLessThan(300);
  }

  private static VerdictPoint verdict(long at) {
    return new VerdictPoint("FAIL", "error-rate-5xx", "why", 0.5, 0.05, 0.01, 100, "2.4.0", at - 1, at, at);
  }

  private static WindowPoint window(long end) {
    return new WindowPoint(end, 100, 0.01, 40.0, 80.0, 0.005, 35.0);
  }

  private static ProgressPoint progress(String phase, long rows, long at) {
    return new ProgressPoint(phase, "RUNNING", rows, 1_000L, 10.0, 0, 1, null, at);
  }
}
