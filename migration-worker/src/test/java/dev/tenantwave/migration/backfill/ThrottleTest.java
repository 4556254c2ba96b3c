package dev.tenantwave.migration.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.migration.backfill.Throttle.Signals;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ThrottleTest {

  private static Signals quiet(double heartbeatMillis) {
    return new Signals(0, 0, heartbeatMillis);
  }

  private static Signals foreground(double heartbeatMillis) {
    return new Signals(2, 0, heartbeatMillis);
  }

  private static CompletableFuture<Void> turnInAnotherThread(Throttle throttle) {
    return CompletableFuture.runAsync(() -> {
      try {
        throttle.awaitTurn();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void shouldRunFlatOutAndSideBySideWithoutForegroundEvenIfTheHeartbeatIsSlow() throws InterruptedException {
    Throttle throttle = Throttle.standard(0.25);
    for (int i = 0; i < 10; i++) {
      throttle.observe(quiet(i < 3 ? 1.0 : 20.0)); // the backfill alone slows the heartbeat: no one to protect
      assertThat(throttle.pauseMicrosAfter(100)).isZero();
    }
    throttle.awaitTurn();
    throttle.awaitTurn(); // a second backfill's batch while the first one's runs: no waiting
    assertThat(throttle.targetBatchMillis(250)).isEqualTo(250);
    assertThat(throttle.foreground()).isFalse(); // so batches commit without waiting for their flush
  }

  @Test
  void shouldCapTheDutyWhileAForegroundIsActiveAndHalveItUnderPressure() {
    Throttle throttle = Throttle.standard(0.25);
    for (int i = 0; i < 5; i++) {
      throttle.observe(foreground(1.0));
    }
    assertThat(throttle.duty()).isEqualTo(0.25);
    assertThat(throttle.pauseMicrosAfter(10)).isEqualTo(30_000); // works 10 of 40 ms
    assertThat(throttle.targetBatchMillis(250)).isEqualTo(1);
    assertThat(throttle.foreground()).isTrue(); // so batches flush their own WAL

    for (int i = 0; i < 3; i++) {
      throttle.observe(foreground(2.0)); // the median of the last five moves to 2 ms at the third
    }
    assertThat(throttle.duty()).isEqualTo(0.125);
    throttle.observe(foreground(2.0));
    assertThat(throttle.duty()).isEqualTo(0.0625);
    assertThat(throttle.pauseMicrosAfter(0.8)).isEqualTo(12_000); // works 0.8 of 12.8 ms

    for (int i = 0; i < 10; i++) { // the median lags two beats, then the duty climbs back by small steps
      throttle.observe(foreground(1.0));
    }
    assertThat(throttle.duty()).isGreaterThan(0.0625).isLessThanOrEqualTo(0.25);
    throttle.observe(quiet(1.0)); // the foreground left: back to flat out within a few beats
    throttle.observe(quiet(1.0));
    throttle.observe(quiet(1.0));
    throttle.observe(quiet(1.0));
    assertThat(throttle.duty()).isEqualTo(1.0);
  }

  @Test
  void shouldBackOffWhenForegroundSessionsWaitOnLocks() {
    Throttle throttle = Throttle.standard(0.25);
    throttle.observe(new Signals(2, 1, 1.0));
    assertThat(throttle.duty()).isEqualTo(0.125);
  }

  @Test
  void shouldLetTheDatabasesBackfillsTakeTurnsWithAPauseBetweenBatchesWhileAForegroundIsActive() throws Exception {
    Throttle throttle = new Throttle(1.3, 0.5, 0.5, 2_000, 1);
    throttle.observe(foreground(1.0)); // duty 1/2: pause as long as the batch
    throttle.awaitTurn();

    CompletableFuture<Void> second = turnInAnotherThread(throttle);
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());
    long done = System.nanoTime();
    throttle.batchDone(300);
    second.get();
    assertThat(System.nanoTime() - done).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
  }

  @Test
  void shouldReleaseWaitingBackfillsWhenTheForegroundLeaves() throws Exception {
    Throttle throttle = new Throttle(1.3, 0.02, 0.02, 2_000, 1);
    throttle.observe(foreground(1.0));
    throttle.awaitTurn();
    throttle.batchDone(1_000); // pause capped at 2 s
    CompletableFuture<Void> next = turnInAnotherThread(throttle);
    for (int i = 0; i < 5 && !next.isDone(); i++) {
      throttle.observe(quiet(1.0)); // duty 0.22, 0.42, ... 1.0: unpaced
    }
    await().atMost(Duration.ofSeconds(1)).until(next::isDone);
  }

  @Test
  void shouldRefuseACapBelowTheMinimumDuty() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new Throttle(1.3, 0.1, 0.05, 2_000, 1))
        .withMessageContaining("minDuty <= foregroundDuty");
  }
}
