package dev.tenantwave.gate.topology;

import static dev.tenantwave.gate.topology.GateEvents.metrics;
import static dev.tenantwave.gate.topology.GateEvents.spec;
import static dev.tenantwave.gate.topology.GateEvents.switched;
import static org.assertj.core.api.Assertions.assertThat;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.GateWindow;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.VerdictOutcome;
import dev.tenantwave.gate.judging.GateRules;
import dev.tenantwave.gate.judging.LatencySketches;
import dev.tenantwave.service.dlq.DeadLetterRouter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GateTopologyTest {

  /** 2023-11-14T22:13:20Z, a multiple of every window length used here. */
  private static final long T0 = 1_700_000_000_000L;
  private static final long SECOND = 1000;

  private final GateDriver gate = new GateDriver(GateDriver.config());

  @AfterEach
  void close() {
    gate.close();
  }

  @Test
  void shouldFailFastWhenAWindowOnTheNewVersionBreachesThe5xxMaximum() {
    // Given a tenant switched to v2
    gate.switchTenant(switched("acme", "r-42", "v2", "v1", T0, spec()));

    // When its first window on v2 answers 20 of 100 requests with a 5xx, and the next record is just as bad
    gate.publish(metrics("acme", "v2", T0 + SECOND, 100, 20, 0, 30.0));
    gate.publish(metrics("acme", "v2", T0 + 2 * SECOND, 100, 20, 0, 30.0));

    // Then one FAIL names the gate, the numbers and the window, at once (before the window closes)
    List<GateVerdict> verdicts = gate.verdicts();
    assertThat(verdicts).hasSize(1);
    GateVerdict fail = verdicts.get(0);
    assertThat(fail.getOutcome()).isEqualTo(VerdictOutcome.FAIL);
    assertThat(fail.getGate()).isEqualTo(GateRules.ERROR_RATE_5XX);
    assertThat(fail.getObserved()).isEqualTo(0.2);
    assertThat(fail.getThreshold()).isEqualTo(0.05);
    assertThat(fail.getSamples()).isEqualTo(100);
    assertThat(fail.getWindowStart().toEpochMilli()).isEqualTo(T0);
    assertThat(fail.getWindowEnd().toEpochMilli()).isEqualTo(T0 + 10 * SECOND);
    assertThat(fail.getTenantId()).isEqualTo("acme");
    assertThat(fail.getReleaseId()).isEqualTo("r-42");
    assertThat(fail.getAppVersion()).isEqualTo("v2");
    assertThat(fail.getWave()).isEqualTo(1);
    assertThat(fail.getSequence()).isEqualTo(1);
    assertThat(fail.getReason()).contains("5xx rate 0.2000 above the maximum 0.0500 over 100 requests");
  }

  @Test
  void shouldFailFastOnP99AboveItsMaximum() {
    // Given a release whose gates cap p99 at 500 ms
    gate.switchTenant(switched("acme", "r-42", "v2", "v1", T0, GateEvents.specBuilder().setMaxP99Millis(500.0).build()));

    // When 2 % of 100 requests on v2 take 2 s
    DDSketch latency = LatencySketches.newSketch(0.01);
    latency.accept(40.0, 98);
    latency.accept(2000.0, 2);
    gate.publish(metrics("acme", "v2", T0 + SECOND, 100, 0, 0, latency));

    // Then the tenant fails on p99 with the observed latency
    GateVerdict fail = gate.verdicts().get(0);
    assertThat(fail.getGate()).isEqualTo(GateRules.LATENCY_P99);
    assertThat(fail.getObserved()).isBetween(1960.0, 2040.0);
    assertThat(fail.getThreshold()).isEqualTo(500.0);
  }

  @Test
  void shouldPassAfterTheBakeTimeWithEnoughRequestsAndNoBreach() {
    // Given a tenant switched to v2 with a 60 s bake
    gate.switchTenant(switched("acme", "r-42", "v2", "v1", T0, spec()));

    // When it serves 100 healthy requests every 10 s for 70 s, and event time moves past the bake and grace
    for (long t = T0; t < T0 + 70 * SECOND; t += 10 * SECOND) {
      gate.publish(metrics("acme", "v2", t, 100, 1, 0, 40.0));
    }
    gate.advanceTo(T0 + 75 * SECOND);

    // Then exactly one PASS comes, resting on the requests of the bake
    List<GateVerdict> verdicts = gate.verdicts();
    assertThat(verdicts).extracting(GateVerdict::getOutcome).containsExactly(VerdictOutcome.PASS);
    GateVerdict pass = verdicts.get(0);
    assertThat(pass.getGate()).isEqualTo(GateRules.BAKE);
    assertThat(pass.getSamples()).isGreaterThanOrEqualTo(600);
    assertThat(pass.getWindowStart().toEpochMilli()).isEqualTo(T0);
  }

  @Test
  void shouldBeInconclusiveWhenTheBakeEndsOnLowTraffic() {
    // Given a tenant switched to v2 with a 60 s bake and 50 requests needed
    gate.switchTenant(switched("quiet", "r-42", "v2", "v1", T0, spec()));

    // When it serves 3 requests per window, two of them failing, until the bake is over
    for (long t = T0; t < T0 + 60 * SECOND; t += 10 * SECOND) {
      gate.publish(metrics("quiet", "v2", t, 3, 2, 0, 40.0));
    }
    gate.advanceTo(T0 + 63 * SECOND);

    // Then the verdict is INCONCLUSIVE, saying how many requests there were and how many were needed
    List<GateVerdict> verdicts = gate.verdicts();
    assertThat(verdicts).hasSize(1);
    assertThat(verdicts.get(0).getOutcome()).isEqualTo(VerdictOutcome.INCONCLUSIVE);
    assertThat(verdicts.get(0).getReason()).contains("only 18 requests on v2", "50 needed");
    assertThat(verdicts.get(0).getSamples()).isEqualTo(18);
  }

  @Test
  void shouldFailTheOneTenantWorseThanItsOwnBaselineAmongTwoHundredHealthyOnes() {
    // Given 201 tenants with 0.5 % server errors on v1 for a minute, then switched to v2
    List<String> tenants = IntStream.range(0, 201).mapToObj(i -> "tenant-" + i).toList();
    for (long t = T0; t < T0 + 60 * SECOND; t += 10 * SECOND) {
      for (String tenant : tenants) {
        gate.publish(metrics(tenant, "v1", t, 200, 1, 0, 40.0));
      }
    }
    long switchAt = T0 + 60 * SECOND;
    GateEventsSpecs specs = new GateEventsSpecs();
    for (String tenant : tenants) {
      gate.switchTenant(switched(tenant, "r-42", "v2", "v1", switchAt, specs.longBake));
    }

    // When tenant-7 answers 4 % with errors on v2 (under the 5 % absolute maximum), the others as before
    for (long t = switchAt; t < switchAt + 20 * SECOND; t += 10 * SECOND) {
      for (String tenant : tenants) {
        gate.publish(metrics(tenant, "v2", t, 200, tenant.equals("tenant-7") ? 8 : 1, 0, 40.0));
      }
    }
    gate.advanceTo(switchAt + 25 * SECOND);

    // Then tenant-7 alone fails, relative to its baseline, with the numbers
    List<GateVerdict> verdicts = gate.verdicts();
    assertThat(verdicts).extracting(GateVerdict::getTenantId).containsExactly("tenant-7");
    GateVerdict fail = verdicts.get(0);
    assertThat(fail.getOutcome()).isEqualTo(VerdictOutcome.FAIL);
    assertThat(fail.getGate()).isEqualTo(GateRules.RELATIVE_ERROR_RATE);
    assertThat(fail.getObserved()).isEqualTo(0.04);
    assertThat(fail.getBaseline()).isEqualTo(0.005);
    assertThat(fail.getThreshold()).isBetween(0.010, 0.011);
  }

  @Test
  void shouldNotFlapAQuietTenantWithOneErrorInThirtyRequestsLikeItsBaseline() {
    // Given a quiet tenant with 1 error in 30 requests per window on v1, then switched to v2
    for (long t = T0; t < T0 + 60 * SECOND; t += 10 * SECOND) {
      gate.publish(metrics("quiet", "v1", t, 30, 1, 0, 40.0));
    }
    long switchAt = T0 + 60 * SECOND;
    gate.switchTenant(switched("quiet", "r-42", "v2", "v1", switchAt, spec()));

    // When it goes on at 1 error in 30 on v2 (one window even at 2 in 30) through the 60 s bake
    for (long t = switchAt; t < switchAt + 60 * SECOND; t += 10 * SECOND) {
      gate.publish(metrics("quiet", "v2", t, 30, t == switchAt + 20 * SECOND ? 2 : 1, 0, 40.0));
      gate.advanceTo(t + 5 * SECOND);
    }
    gate.advanceTo(switchAt + 65 * SECOND);

    // Then no FAIL ever comes, only the one PASS after the bake
    assertThat(gate.verdicts()).extracting(GateVerdict::getOutcome).containsExactly(VerdictOutcome.PASS);
  }

  @Test
  void shouldFailTheTenantWhoseP95IsWorseThanItsBaseline() {
    // Given a tenant at 100 ms on v1
    for (long t = T0; t < T0 + 60 * SECOND; t += 10 * SECOND) {
      gate.publish(metrics("slow", "v1", t, 100, 0, 0, 100.0));
    }
    gate.switchTenant(switched("slow", "r-42", "v2", "v1", T0 + 60 * SECOND, spec()));

    // When every request on v2 takes 300 ms (no absolute p95 maximum is set)
    gate.publish(metrics("slow", "v2", T0 + 60 * SECOND, 100, 0, 0, 300.0));
    gate.advanceTo(T0 + 73 * SECOND);

    // Then it fails on p95 relative to its own baseline
    GateVerdict fail = gate.verdicts().get(0);
    assertThat(fail.getGate()).isEqualTo(GateRules.RELATIVE_LATENCY_P95);
    assertThat(fail.getObserved()).isBetween(297.0, 303.0);
    assertThat(fail.getBaseline()).isBetween(99.0, 101.0);
    assertThat(fail.getThreshold()).isBetween(148.5, 151.5);
  }

  @Test
  void shouldCountLateRecordsInsideTheGraceAndDropLaterOnes() {
    // Given a tenant on v2 and event time at T0 + 21 s (window [T0+10s, T0+20s) closes at T0 + 22 s)
    gate.switchTenant(switched("acme", "r-42", "v2", "v1", T0, spec()));
    gate.advanceTo(T0 + 21 * SECOND);

    // When a bad record of the window [T0, T0+10s) arrives after its grace, it is dropped and counted
    gate.publish(metrics("acme", "v2", T0 + 5 * SECOND, 100, 50, 0, 30.0));
    assertThat(gate.verdicts()).isEmpty();
    assertThat(gate.metricTotal(GateSensors.LATE_RECORDS)).isEqualTo(1.0);

    // When a bad record of the window [T0+10s, T0+20s) arrives inside its grace, it counts
    gate.publish(metrics("acme", "v2", T0 + 15 * SECOND, 100, 50, 0, 30.0));

    // Then the tenant fails on it
    assertThat(gate.verdicts()).extracting(GateVerdict::getOutcome).containsExactly(VerdictOutcome.FAIL);
    assertThat(gate.metricTotal(GateSensors.LATE_RECORDS)).isEqualTo(1.0);
  }

  @Test
  void shouldDeadLetterPoisonAndInvalidRecordsWithTheReasonAndKeepGoing() {
    // Given a tenant on v2
    gate.switchTenant(switched("acme", "r-42", "v2", "v1", T0, spec()));

    // When garbage, a record claiming more 5xx than requests, and a record without key arrive, then a bad window
    gate.publishRaw("acme", "not avro".getBytes(StandardCharsets.UTF_8), T0 + SECOND);
    gate.publish(metrics("acme", "v2", T0 + SECOND, 10, 20, 0, 30.0));
    gate.publishRaw(null, GateDriver.METRICS.serializer().serialize(null,
        metrics("acme", "v2", T0 + SECOND, 100, 0, 0, 30.0)), T0 + SECOND);
    gate.publish(metrics("acme", "v2", T0 + 2 * SECOND, 100, 30, 0, 30.0));

    // Then the three are on the dead-letter topic, byte for byte, with why and where from
    var deadLetters = gate.deadLetters();
    assertThat(deadLetters).hasSize(3);
    assertThat(new String(deadLetters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
    assertThat(GateDriver.header(deadLetters.get(0).headers(), DeadLetterRouter.REASON)).startsWith("undecodable value");
    assertThat(GateDriver.header(deadLetters.get(0).headers(), DeadLetterRouter.SOURCE_TOPIC))
        .isEqualTo(Topics.TENANT_METRICS.name());
    assertThat(GateDriver.header(deadLetters.get(0).headers(), DeadLetterRouter.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(GateDriver.header(deadLetters.get(1).headers(), DeadLetterRouter.REASON))
        .contains("invalid value", "more 4xx/5xx answers or timeouts than requests");
    assertThat(GateDriver.header(deadLetters.get(2).headers(), DeadLetterRouter.REASON)).contains("no key");
    assertThat(gate.metricTotal(GateSensors.DEAD_LETTERED_RECORDS)).isEqualTo(3.0);

    // And the good record after them is judged
    assertThat(gate.verdicts()).extracting(GateVerdict::getOutcome).containsExactly(VerdictOutcome.FAIL);
  }

  @Test
  void shouldKeepMetricsOfTenantsInNoReleaseAsBaselineOnly() {
    // Given a tenant in no release
    // When it serves a terrible minute
    for (long t = T0; t < T0 + 60 * SECOND; t += 10 * SECOND) {
      gate.publish(metrics("idle", "v1", t, 100, 90, 50, 3000.0));
    }
    gate.advanceTo(T0 + 80 * SECOND);

    // Then nothing is said about it
    assertThat(gate.verdicts()).isEmpty();
  }

  @Test
  void shouldPublishEachClosedWindowOfAJudgedTenantNextToItsBaselineAndNothingForATenantInNoRelease() {
    // Given a tenant whose baseline on v1 answered 1 % 5xx at 20 ms, switched to v2 under a 400 ms p95 limit
    for (long t = T0 - 30 * SECOND; t < T0; t += 10 * SECOND) {
      gate.publish(metrics("acme", "v1", t, 100, 1, 0, 20.0));
    }
    gate.switchTenant(switched("acme", "r-42", "v2", "v1", T0, GateEvents.specBuilder().setMaxP95Millis(400.0).build()));

    // When it serves two windows on v2, and a tenant in no release serves the same time
    gate.publish(metrics("acme", "v2", T0 + SECOND, 100, 2, 1, 30.0));
    gate.publish(metrics("acme", "v2", T0 + 11 * SECOND, 200, 0, 0, 40.0));
    gate.publish(metrics("idle", "v1", T0 + SECOND, 100, 50, 0, 30.0));
    gate.advanceTo(T0 + 25 * SECOND);

    // Then each closed window of the judged tenant is published once, stamped with its end, and nothing else
    var windows = gate.windows();
    assertThat(windows).extracting(r -> r.key()).containsExactly("acme", "acme");
    assertThat(windows).extracting(r -> r.timestamp()).containsExactly(T0 + 10 * SECOND, T0 + 20 * SECOND);
    GateWindow first = windows.get(0).value();
    assertThat(first.getReleaseId()).isEqualTo("r-42");
    assertThat(first.getAppVersion()).isEqualTo("v2");
    assertThat(first.getJudgedVersion()).isTrue();
    assertThat(first.getWindowStart().toEpochMilli()).isEqualTo(T0);
    assertThat(first.getWindowEnd().toEpochMilli()).isEqualTo(T0 + 10 * SECOND);
    assertThat(first.getRequests()).isEqualTo(100);
    assertThat(first.getRate5xx()).isEqualTo(0.02);
    assertThat(first.getTimeoutRate()).isEqualTo(0.01);
    assertThat(first.getP95Millis()).isCloseTo(30.0, Percentage.withPercentage(1));
    assertThat(first.getP99Millis()).isCloseTo(30.0, Percentage.withPercentage(1));
    assertThat(first.getBaselineRate5xx()).isEqualTo(0.01);
    assertThat(first.getBaselineTimeoutRate()).isEqualTo(0.0);
    assertThat(first.getBaselineP95Millis()).isCloseTo(20.0, Percentage.withPercentage(1));
    assertThat(first.getMax5xxRate()).isEqualTo(0.05);
    assertThat(first.getMaxP95Millis()).isEqualTo(400.0);
    GateWindow second = windows.get(1).value();
    assertThat(second.getRequests()).isEqualTo(200);
    assertThat(second.getRate5xx()).isZero();
    assertThat(second.getP95Millis()).isCloseTo(40.0, Percentage.withPercentage(1));
    assertThat(second.getSequence()).isGreaterThan(first.getSequence());
  }

  @Test
  void shouldCommitEachOpenWindowToItsChangelogAndItsTombstoneWhenItCloses() {
    // Given a tenant on v2 with two records in one 10 s window (the driver commits after each record)
    gate.switchTenant(switched("acme", "r-42", "v2", "v1", T0 - SECOND, new GateEventsSpecs().longBake));
    gate.publish(metrics("acme", "v2", T0, 100, 1, 0, 30.0));
    gate.publish(metrics("acme", "v2", T0 + SECOND, 50, 2, 0, 30.0));

    // Then each commit carried the window's state as of that commit to the changelog
    String key = "acme|v2|" + (T0 + 10 * SECOND);
    var changelog = gate.changelog(GateTopology.OPEN_WINDOWS_STORE, new WindowTotalsSerde());
    assertThat(changelog).extracting(r -> r.key()).containsExactly(key, key);
    assertThat(changelog.get(1).value().requests()).isEqualTo(150);
    assertThat(changelog.get(1).value().status5xx()).isEqualTo(3);

    // When event time passes the window's end and grace
    gate.advanceTo(T0 + 13 * SECOND);

    // Then the closed window is deleted from the changelog and folded into the version's totals
    assertThat(gate.changelog(GateTopology.OPEN_WINDOWS_STORE, new WindowTotalsSerde()))
        .anySatisfy(r -> {
          assertThat(r.key()).isEqualTo(key);
          assertThat(r.value()).isNull();
        });
    assertThat(gate.changelog(GateTopology.VERSION_TOTALS_STORE, new WindowTotalsSerde()))
        .filteredOn(r -> r.key().equals("acme|v2"))
        .singleElement().satisfies(r -> assertThat(r.value().requests()).isEqualTo(150));
  }

  @Test
  void shouldAddMetricsOfTenantsInNoReleaseStraightToTheirVersionTotals() {
    // Given a tenant in no release with records in two 10 s windows (the driver commits after each record)
    gate.publish(metrics("idle", "v1", T0, 100, 1, 0, 30.0));
    gate.publish(metrics("idle", "v1", T0 + 12 * SECOND, 50, 2, 0, 30.0));

    // Then no window was kept for it: each commit carried its version's totals, spanning both windows
    assertThat(gate.changelog(GateTopology.OPEN_WINDOWS_STORE, new WindowTotalsSerde())).isEmpty();
    var totals = gate.changelog(GateTopology.VERSION_TOTALS_STORE, new WindowTotalsSerde());
    assertThat(totals).extracting(r -> r.key()).containsExactly("idle|v1", "idle|v1");
    assertThat(totals.get(1).value().requests()).isEqualTo(150);
    assertThat(totals.get(1).value().status5xx()).isEqualTo(3);
    assertThat(totals.get(1).value().windowStart()).isEqualTo(T0);
    assertThat(totals.get(1).value().windowEnd()).isEqualTo(T0 + 20 * SECOND);

    // And a record later than its window's grace is still dropped
    gate.publish(metrics("idle", "v1", T0 + 5 * SECOND, 70, 0, 0, 30.0));
    assertThat(gate.metricTotal(GateSensors.LATE_RECORDS)).isEqualTo(1.0);
    assertThat(gate.changelog(GateTopology.VERSION_TOTALS_STORE, new WindowTotalsSerde())).isEmpty();
  }

  /** Specs used by several tests. */
  private static final class GateEventsSpecs {
    final dev.tenantwave.events.GateSpec longBake = GateEvents.specBuilder().setBakeSeconds(3600).build();
  }
}
