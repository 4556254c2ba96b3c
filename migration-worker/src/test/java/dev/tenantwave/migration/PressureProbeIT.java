package dev.tenantwave.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.migration.backfill.Throttle.Signals;
import dev.tenantwave.migration.database.ConnectionPools;
import dev.tenantwave.migration.database.PressureProbe;
import dev.tenantwave.migration.testing.CrmFleet;
import dev.tenantwave.migration.testing.Pg;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The throttle's eyes on a real PostgreSQL: which sessions count as foreground, and who waits on a lock. */
class PressureProbeIT {

  @Test
  void shouldSeeForegroundSessionsAndLockWaitersButNotTheWorkersOwnSessions() throws Exception {
    String database = Pg.uniqueId("probe");
    CrmFleet.pooled(database, "probe", 1, 10);
    PressureProbe probe = new PressureProbe(0);
    try (ConnectionPools pools = CrmFleet.pools(4)) {
      DataSource owner = pools.owner(CrmFleet.CLUSTER, database);
      try (Connection workerSession = owner.getConnection()) {
        workerSession.setAutoCommit(false);
        workerSession.createStatement().execute("LOCK TABLE deals"); // the worker's own busy session is no foreground
        AtomicReference<Signals> quiet = new AtomicReference<>();
        // the setup's session was active within the last second; once that has passed nothing is foreground
        await().atMost(Duration.ofSeconds(10)).until(() -> beat(probe, owner, quiet).foregroundActive() == 0);
        assertThat(quiet.get().foregroundWaitingOnLocks()).isZero();
        assertThat(quiet.get().heartbeatMillis()).isPositive();

        try (Connection app = Pg.connect(database)) {
          CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            try (Statement statement = app.createStatement()) {
              statement.execute("UPDATE deals SET amount = amount + 1"); // waits for the worker's lock
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
          AtomicReference<Signals> busy = new AtomicReference<>();
          await().atMost(Duration.ofSeconds(10)).until(() -> beat(probe, owner, busy).foregroundWaitingOnLocks() == 1);
          assertThat(busy.get().foregroundActive()).isEqualTo(1);
          workerSession.rollback();
          blocked.get();
        }
      }
    }
  }

  private static Signals beat(PressureProbe probe, DataSource owner, AtomicReference<Signals> last) {
    Signals signals = probe.beat("probe", owner).orElseThrow();
    last.set(signals);
    return signals;
  }

  @Test
  void shouldTakeOneHeartbeatPerIntervalWhicheverBackfillAsks() throws Exception {
    String database = Pg.uniqueId("probe");
    CrmFleet.pooled(database, "probe", 1, 10);
    PressureProbe probe = new PressureProbe(60_000);
    try (ConnectionPools pools = CrmFleet.pools(4)) {
      DataSource owner = pools.owner(CrmFleet.CLUSTER, database);
      assertThat(probe.beat("db", owner)).isPresent();
      assertThat(probe.beat("db", owner)).isEmpty();
      assertThat(probe.beat("other-db", owner)).isPresent();
    }
  }
}
