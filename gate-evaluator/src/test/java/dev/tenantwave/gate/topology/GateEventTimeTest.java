package dev.tenantwave.gate.topology;

import static dev.tenantwave.gate.topology.GateEvents.metrics;
import static dev.tenantwave.gate.topology.GateEvents.spec;
import static dev.tenantwave.gate.topology.GateEvents.switched;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.events.GateSpec;
import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.VerdictOutcome;
import dev.tenantwave.gate.judging.GateRules;
import dev.tenantwave.service.dlq.DeadLetterRouter;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the gate does with event time it cannot trust: the record timestamp comes from publishers, the wall clock is
 * the gate's own. The driver's wall clock starts next to event time here (real time is years after {@link #T0}).
 */
class GateEventTimeTest {

  /** 2023-11-14T22:13:20Z, a multiple of every window length used here. */
  private static final long T0 = 1_700_000_000_000L;
  private static final long SECOND = 1000;
  private static final long MINUTE = 60 * SECOND;
  private static final GateSpec BAKE_600_S = GateEvents.specBuilder().setBakeSeconds(600).build();

  private GateDriver gate;

  @AfterEach
  void close() {
    gate.close();
  }

  @Test
  void shouldNeitherPassNorSilenceATenantInItsBakeWhenAnotherTenantsRecordIsStampedAnHourAhead() {
    // Given bravo, switched 15 s ago into a 600 s bake, with 80 healthy requests on v2
    gate = new GateDriver(GateDriver.config(), Instant.ofEpochMilli(T0 + 15 * SECOND));
    gate.switchTenant(switched("bravo", "r-42", "v2", "v1", T0, BAKE_600_S));
    gate.publish(metrics("bravo", "v2", T0, 40, 0, 0, 30.0));
    gate.publish(metrics("bravo", "v2", T0 + 5 * SECOND, 40, 0, 0, 30.0));

    // When a publisher of alpha, a tenant on the same partition, stamps a record 58 minutes ahead of the wall clock
    gate.publish(metrics("alpha", "v1", T0, 100, 0, 0, 30.0), T0 + 15 * SECOND + 58 * MINUTE);

    // And bravo then answers half of its requests with a 5xx, in 31 records
    for (int i = 0; i < 31; i++) {
      gate.publish(metrics("bravo", "v2", T0 + 10 * SECOND + i * 100, 10, 5, 0, 30.0));
    }

    // Then bravo gets no PASS, only its FAIL
    assertThat(gate.verdicts()).singleElement().satisfies(verdict -> {
      assertThat(verdict.getTenantId()).isEqualTo("bravo");
      assertThat(verdict.getOutcome()).isEqualTo(VerdictOutcome.FAIL);
      assertThat(verdict.getGate()).isEqualTo(GateRules.ERROR_RATE_5XX);
    });
    assertThat(gate.metricTotal(GateSensors.LATE_RECORDS)).isZero();
  }

  @Test
  void shouldDeadLetterARecordStampedBeyondTheAllowedSkewByteForByteWithTheReason() {
    // Given the wall clock at T0
    gate = new GateDriver(GateDriver.config(), Instant.ofEpochMilli(T0));

    // When a record is stamped 58 minutes ahead of it
    TenantRequestMetrics ahead = metrics("alpha", "v1", T0, 100, 0, 0, 30.0);
    gate.publish(ahead, T0 + 58 * MINUTE);

    // Then it is on the dead-letter topic as it came, with why and where from
    assertThat(gate.deadLetters()).singleElement().satisfies(deadLetter -> {
      assertThat(deadLetter.key()).isEqualTo("alpha");
      assertThat(deadLetter.value()).isEqualTo(GateDriver.METRICS.serializer().serialize(null, ahead));
      assertThat(GateDriver.header(deadLetter.headers(), DeadLetterRouter.REASON))
          .contains("2023-11-14T23:11:20Z", "3480.0 s ahead of the wall clock", "at most 30.0 s",
              "tenantwave.gate.max-clock-skew");
      assertThat(GateDriver.header(deadLetter.headers(), DeadLetterRouter.SOURCE_TOPIC))
          .isEqualTo(Topics.TENANT_METRICS.name());
      assertThat(GateDriver.header(deadLetter.headers(), DeadLetterRouter.SOURCE_OFFSET)).isEqualTo("0");
    });
    assertThat(gate.metricTotal(GateSensors.DEAD_LETTERED_RECORDS)).isEqualTo(1.0);
  }

  @Test
  void shouldJudgeARecordStampedWithinTheAllowedSkew() {
    // Given a tenant switched to v2 and the wall clock at T0 + 10 s
    gate = new GateDriver(GateDriver.config(), Instant.ofEpochMilli(T0 + 10 * SECOND));
    gate.switchTenant(switched("acme", "r-42", "v2", "v1", T0, spec()));

    // When its bad record is stamped 29 s ahead of the wall clock
    gate.publish(metrics("acme", "v2", T0 + 39 * SECOND, 100, 50, 0, 30.0));

    // Then it counts: the tenant fails on it
    assertThat(gate.verdicts()).extracting(GateVerdict::getOutcome).containsExactly(VerdictOutcome.FAIL);
    assertThat(gate.deadLetters()).isEmpty();
  }

  @Test
  void shouldNotLetARecordStampedWithinTheSkewMakeAnotherTenantsRecordsLate() {
    // Given the wall clock at T0 + 20 s and bravo switched to v2
    gate = new GateDriver(GateDriver.config(), Instant.ofEpochMilli(T0 + 20 * SECOND));
    gate.switchTenant(switched("bravo", "r-42", "v2", "v1", T0, spec()));

    // When alpha's publisher stamps a record 25 s ahead of the wall clock (within the skew, so it is accepted)
    gate.publish(metrics("alpha", "v1", T0 + 45 * SECOND, 100, 0, 0, 30.0));

    // And bravo's bad record for the window [T0 + 10 s, T0 + 20 s), which ended just now, arrives
    gate.publish(metrics("bravo", "v2", T0 + 12 * SECOND, 100, 50, 0, 30.0));

    // Then bravo's window was still open: the gate's event time does not run ahead of its wall clock
    assertThat(gate.verdicts()).extracting(GateVerdict::getOutcome).containsExactly(VerdictOutcome.FAIL);
    assertThat(gate.metricTotal(GateSensors.LATE_RECORDS)).isZero();
  }

  @Test
  void shouldBakeASwitchPublishedLateFromItsPublicationNotFromItsDecision() {
    // Given a switch decided at T0 into a 60 s bake but published only at T0 + 90 s (its orchestrator was killed in
    // between), and the tenant's traffic on v2 from then on, as routers follow the switch they read
    gate = new GateDriver(GateDriver.config(), Instant.ofEpochMilli(T0 + 90 * SECOND));
    gate.switchTenant(switched("acme", "r-42", "v2", "v1", T0, spec()), T0 + 90 * SECOND);
    for (long t = T0 + 90 * SECOND; t <= T0 + 150 * SECOND; t += 10 * SECOND) {
      gate.advanceWallClockTo(t);
      gate.publish(metrics("acme", "v2", t, 100, 1, 0, 40.0));
    }

    // When the clocks are past the end of the bake as decided, but not as published
    gate.advanceWallClockTo(T0 + 151 * SECOND);
    gate.advanceTo(T0 + 151 * SECOND);

    // Then no INCONCLUSIVE for a bake that never ran
    assertThat(gate.verdicts()).isEmpty();

    // And the PASS comes 60 s after the publication and the grace, over the traffic on v2 since then
    gate.advanceWallClockTo(T0 + 152 * SECOND);
    gate.advanceTo(T0 + 152 * SECOND);
    assertThat(gate.verdicts()).singleElement().satisfies(pass -> {
      assertThat(pass.getOutcome()).isEqualTo(VerdictOutcome.PASS);
      assertThat(pass.getGate()).isEqualTo(GateRules.BAKE);
      assertThat(pass.getSamples()).isEqualTo(600);
      assertThat(pass.getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0 + 90 * SECOND));
    });
  }

  @Test
  void shouldPassABakeOnlyOnceItsTimeHasAlsoPassedOnTheWallClock() {
    // Given a tenant switched at T0 into a 60 s bake, and the wall clock at T0 + 40 s
    gate = new GateDriver(GateDriver.config(), Instant.ofEpochMilli(T0 + 40 * SECOND));
    gate.switchTenant(switched("acme", "r-42", "v2", "v1", T0, spec()));

    // When healthy records stamped up to T0 + 65 s (within the skew) carry event time past the bake and its grace
    for (long t = T0; t <= T0 + 60 * SECOND; t += 10 * SECOND) {
      gate.publish(metrics("acme", "v2", t, 100, 1, 0, 40.0));
    }
    gate.advanceTo(T0 + 65 * SECOND);

    // Then no verdict comes while the wall clock is short of the bake's end and grace
    assertThat(gate.verdicts()).isEmpty();
    gate.advanceWallClockTo(T0 + 61 * SECOND);
    assertThat(gate.verdicts()).isEmpty();

    // And the PASS comes once it is past them, with no further record
    gate.advanceWallClockTo(T0 + 62 * SECOND);
    assertThat(gate.verdicts()).singleElement().satisfies(pass -> {
      assertThat(pass.getOutcome()).isEqualTo(VerdictOutcome.PASS);
      assertThat(pass.getGate()).isEqualTo(GateRules.BAKE);
      assertThat(pass.getSamples()).isEqualTo(600);
    });
  }

  @Test
  void shouldAnswerInconclusiveWhenABakeEndsWithNoTrafficAtAllOnItsPartition() {
    // Given a tenant switched at T0 into a 60 s bake, and not one metric record on the gate's input since
    gate = new GateDriver(GateDriver.config(), Instant.ofEpochMilli(T0));
    gate.switchTenant(switched("acme", "r-42", "v2", "v1", T0, spec()));

    // When the wall clock passes the bake's end and its grace, the partition idle all along (stream time stays at
    // the switch)
    gate.advanceWallClockTo(T0 + 61 * SECOND);
    assertThat(gate.verdicts()).isEmpty();
    gate.advanceWallClockTo(T0 + 65 * SECOND);

    // Then the bake ends INCONCLUSIVE, with no request counted, rather than never
    assertThat(gate.verdicts()).singleElement().satisfies(verdict -> {
      assertThat(verdict.getOutcome()).isEqualTo(VerdictOutcome.INCONCLUSIVE);
      assertThat(verdict.getGate()).isEqualTo(GateRules.BAKE);
      assertThat(verdict.getSamples()).isZero();
    });
  }
}
