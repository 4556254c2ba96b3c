package dev.tenantwave.migration.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.migration.backfill.Throttle.Signals;
import org.junit.jupiter.api.Test;

class ThrottleTest {

  private static Signals quiet(double heartbeatMillis) {
    return new Signals(0, 0, heartbeatMillis);
  }

  private static Signals foreground(double heartbeatMillis) {
    return new Signals(2, 0, heartbeatMillis);
  }

  @Test
  void shouldRunFlatOutWithoutForegroundEvenIfTheHeartbeatIsSlow() {
    Throttle throttle = Throttle.standard();
    throttle.started();
    for (int i = 0; i < 10; i++) {
      throttle.observe(quiet(i < 3 ? 1.0 : 20.0)); // the backfill alone slows the heartbeat: no one to protect
      assertThat(throttle.pauseMicrosAfter(100)).isZero();
    }
    assertThat(throttle.targetBatchMillis(250)).isEqualTo(250);
    assertThat(throttle.foreground()).isFalse(); // so batches commit without waiting for their flush
  }

  @Test
  void shouldBackOffWhileTheForegroundHeartbeatIsAboveItsQuietBaselineAndRecoverGraduallyAfter() {
    Throttle throttle = Throttle.standard();
    throttle.started();
    for (int i = 0; i < 5; i++) {
      throttle.observe(foreground(1.0));
    }
    assertThat(throttle.pauseMicrosAfter(10)).isZero();
    assertThat(throttle.targetBatchMillis(250)).isEqualTo(1);
    assertThat(throttle.foreground()).isTrue(); // so batches flush their own WAL

    for (int i = 0; i < 3; i++) {
      throttle.observe(foreground(2.0)); // the median of the last five moves to 2 ms at the third
    }
    assertThat(throttle.duty()).isEqualTo(0.5);
    throttle.observe(foreground(2.0));
    assertThat(throttle.duty()).isEqualTo(0.25);
    assertThat(throttle.pauseMicrosAfter(10)).isEqualTo(30_000); // works 10 of 40 ms

    for (int i = 0; i < 10; i++) { // the median lags two beats, then the duty climbs back by small steps
      throttle.observe(foreground(1.0));
    }
    assertThat(throttle.duty()).isGreaterThan(0.25).isLessThan(0.5); // cut to 1/16, then +0.05 a beat
  }

  @Test
  void shouldBackOffWhenForegroundSessionsWaitOnLocks() {
    Throttle throttle = Throttle.standard();
    throttle.observe(new Signals(2, 1, 1.0));
    assertThat(throttle.duty()).isEqualTo(0.5);
  }

  @Test
  void shouldSpreadTheDutyCycleOverTheBackfillsRunningAtOnce() {
    Throttle one = Throttle.standard();
    Throttle four = Throttle.standard();
    one.started();
    for (int i = 0; i < 4; i++) {
      four.started();
    }
    for (Throttle throttle : new Throttle[] {one, four}) {
      throttle.observe(new Signals(2, 1, 1.0));
      throttle.observe(new Signals(2, 1, 1.0)); // duty 1/4
    }
    assertThat(one.pauseMicrosAfter(10)).isEqualTo(30_000);
    // each works 1/13 of its time (10 of 130 ms): the four together a little over 1/4
    assertThat(four.pauseMicrosAfter(10)).isEqualTo(120_000);
    four.finished();
    four.finished();
    four.finished();
    assertThat(four.pauseMicrosAfter(10)).isEqualTo(30_000);
  }

  @Test
  void shouldPauseAfterSubMillisecondBatchesInProportion() {
    Throttle throttle = Throttle.standard();
    throttle.started();
    throttle.observe(new Signals(2, 1, 1.0)); // duty 1/2
    assertThat(throttle.pauseMicrosAfter(0.8)).isEqualTo(800); // works 0.8 of 1.6 ms
  }
}
