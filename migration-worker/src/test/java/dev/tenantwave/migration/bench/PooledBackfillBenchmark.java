package dev.tenantwave.migration.bench;

import dev.tenantwave.migration.backfill.BackfillSettings;
import dev.tenantwave.migration.run.FleetLimits;
import dev.tenantwave.migration.run.Progress;
import dev.tenantwave.migration.run.ProgressState;
import dev.tenantwave.migration.set.MigrationSetLoader;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.migration.tenancy.InMemoryTenantDirectory;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import dev.tenantwave.migration.testing.CrmFleet;
import dev.tenantwave.migration.testing.Pg;
import dev.tenantwave.migration.testing.WorkerHarness;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * POOLED backfill of 2026-11-deal-stages (rows/s) on an otherwise idle database, then again while a foreground
 * read/write workload (point read + point update per transaction, as the runtime role under RLS) runs, comparing
 * the foreground p99 with its idle p99.
 *
 * <p>Args: tenants (100), rows per tenant (10000), foreground threads (2), worker concurrency (4),
 * target batch millis (250), throttle on/off for the foreground run (true).
 */
public final class PooledBackfillBenchmark {

  public static void main(String[] args) throws Exception {
    int tenants = BenchPostgres.intArg(args, 0, 100);
    int rowsPerTenant = BenchPostgres.intArg(args, 1, 10_000);
    int foregroundThreads = BenchPostgres.intArg(args, 2, 2);
    int concurrency = BenchPostgres.intArg(args, 3, 4);
    int targetMillis = BenchPostgres.intArg(args, 4, 250);
    boolean throttle = args.length <= 5 || Boolean.parseBoolean(args[5]);
    try (AutoCloseable pg = BenchPostgres.start()) {
      String database = "pooled_bench_" + Long.toHexString(System.nanoTime());
      long setup = System.nanoTime();
      List<TenantPlacement> fleet = CrmFleet.pooled(database, "b", tenants, rowsPerTenant);
      exec(database, "VACUUM ANALYZE deals");
      System.out.printf("setup: %d tenants x %d rows = %,d rows in %.1f s%n", tenants, rowsPerTenant,
          (long) tenants * rowsPerTenant, (System.nanoTime() - setup) / 1e9);
      InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
      fleet.forEach(directory::put);
      BackfillSettings backfill = new BackfillSettings(targetMillis, 100, 50_000, 1_000, throttle, 1_000);
      try (WorkerHarness harness = new WorkerHarness(directory, MigrationSetLoader.classpath(), backfill,
          FleetLimits.of(concurrency, concurrency))) {
        requireSucceeded(harness.runAll(fleet, CrmFleet.DEAL_STAGES, Phase.EXPAND));

        Foreground idle = Foreground.start(database, fleet, foregroundThreads);
        Thread.sleep(Long.getLong("bench.idle.seconds", 10) * 1000); // the idle p99's sampling period
        idle.stop();
        System.out.printf("foreground alone: %s%n", idle.summary());

        double idleRate = backfill(harness, fleet, "backfill alone");
        requireSucceeded(harness.runAll(fleet, CrmFleet.DEAL_STAGES, Phase.ROLLBACK_MIGRATE));
        exec(database, "VACUUM ANALYZE deals");
        exec(database, "VACUUM ANALYZE deal_stages");

        Foreground loaded = Foreground.start(database, fleet, foregroundThreads);
        Thread.sleep(2_000);
        loaded.reset();
        double loadedRate = backfill(harness, fleet, "backfill with foreground (throttle " + throttle + ")");
        loaded.stop();
        System.out.printf("foreground during backfill: %s%n", loaded.summary());
        System.out.printf("RESULT rows/s idle=%,.0f with-foreground=%,.0f; foreground p99 idle=%.2f ms,"
                + " during=%.2f ms, ratio=%.2f%n", idleRate, loadedRate, idle.p99(), loaded.p99(),
            loaded.p99() / idle.p99());
      }
    }
  }

  private static double backfill(WorkerHarness harness, List<TenantPlacement> fleet, String label) {
    long start = System.nanoTime();
    List<Progress> results = harness.runAll(fleet, CrmFleet.DEAL_STAGES, Phase.MIGRATE);
    double seconds = (System.nanoTime() - start) / 1e9;
    requireSucceeded(results);
    long rows = results.stream().mapToLong(Progress::rowsDone).sum();
    System.out.printf("%s: %,d rows in %.1f s = %,.0f rows/s%n", label, rows, seconds, rows / seconds);
    return rows / seconds;
  }

  private static void requireSucceeded(List<Progress> results) {
    results.stream().filter(p -> p.state() != ProgressState.SUCCEEDED).findFirst().ifPresent(p -> {
      throw new IllegalStateException(p.command().tenantId() + ": " + p.error());
    });
  }

  private static void exec(String database, String sql) throws Exception {
    try (Connection connection = Pg.connect(database); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Closed-loop clients with a short think time: point read and point update of one deal per transaction. */
  static final class Foreground {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean recording = true;

    static Foreground start(String database, List<TenantPlacement> fleet, int threads) throws Exception {
      Foreground foreground = new Foreground();
      long[][] ranges = new long[fleet.size()][];
      try (Connection connection = Pg.connect(database);
           PreparedStatement statement = connection.prepareStatement(
               "SELECT min(id), max(id) FROM deals WHERE tenant_id = ?")) {
        for (int i = 0; i < fleet.size(); i++) {
          statement.setString(1, fleet.get(i).tenantId());
          try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            ranges[i] = new long[] {rs.getLong(1), rs.getLong(2)};
          }
        }
      }
      for (int t = 0; t < threads; t++) {
        Thread thread = new Thread(() -> foreground.loop(database, fleet, ranges), "foreground-" + t);
        thread.start();
        foreground.threads.add(thread);
      }
      return foreground;
    }

    private void loop(String database, List<TenantPlacement> fleet, long[][] ranges) {
      try (Connection connection = DriverManager.getConnection(Pg.jdbcUrl(database), CrmFleet.RUNTIME_ROLE,
          CrmFleet.RUNTIME_PASSWORD);
           PreparedStatement scope = connection.prepareStatement("SELECT set_config('app.tenant_id', ?, true)");
           PreparedStatement read = connection.prepareStatement(
               "SELECT name, stage, amount FROM deals WHERE tenant_id = ? AND id = ?");
           PreparedStatement write = connection.prepareStatement(
               "UPDATE deals SET amount = amount + 1, updated_at = now() WHERE tenant_id = ? AND id = ?")) {
        connection.setAutoCommit(false);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
          int tenant = random.nextInt(fleet.size());
          String tenantId = fleet.get(tenant).tenantId();
          long id = random.nextLong(ranges[tenant][0], ranges[tenant][1] + 1);
          long start = System.nanoTime();
          scope.setString(1, tenantId);
          scope.execute();
          read.setString(1, tenantId);
          read.setLong(2, id);
          try (ResultSet rs = read.executeQuery()) {
            rs.next();
          }
          write.setString(1, tenantId);
          write.setLong(2, id);
          write.executeUpdate();
          connection.commit();
          if (recording) {
            latencies.add(System.nanoTime() - start);
          }
          Thread.sleep(2);
        }
      } catch (Exception e) {
        if (running.get()) {
          throw new IllegalStateException(e);
        }
      }
    }

    void reset() {
      latencies.clear();
    }

    void stop() throws InterruptedException {
      recording = false;
      running.set(false);
      for (Thread thread : threads) {
        thread.join();
      }
    }

    double p99() {
      return quantile(0.99);
    }

    double quantile(double q) {
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, q * sorted.size())) / 1e6;
    }

    String summary() {
      return String.format("%,d tx, p50 %.2f ms, p99 %.2f ms, max %.2f ms", latencies.size(), quantile(0.5),
          quantile(0.99), quantile(1.0));
    }
  }
}
