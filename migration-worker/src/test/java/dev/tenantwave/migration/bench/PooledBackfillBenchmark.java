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
import java.util.EnumMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * POOLED backfill of 2026-11-deal-stages (rows/s) on an otherwise idle database, then again while a foreground
 * read/write workload (point read + point update per transaction, as the runtime role under RLS) runs, comparing
 * the foreground p99 during the backfill with its idle p99. The foreground's idle and loaded periods interleave
 * (idle, then the fleet's backfill in slices, each followed by an idle gap as long as the slice, then idle), so
 * load from elsewhere on a shared machine falls on both about equally; the slowest 1 % are broken down by step (scope, read, write, commit).
 *
 * <p>Args: tenants (100), rows per tenant (10000), foreground threads (2), worker concurrency (4),
 * target batch millis (250), throttle on/off for the foreground run (true). System properties:
 * {@code bench.idle.seconds} (10, before and after), {@code bench.slices} (10), {@code bench.foreground.duty} (the
 * throttle's cap while the foreground is active, as the worker's default).
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
      BackfillSettings backfill = new BackfillSettings(targetMillis, 100, 50_000, 1_000, throttle,
          Double.parseDouble(System.getProperty("bench.foreground.duty",
          String.valueOf(BackfillSettings.DEFAULT.foregroundDuty()))), 1_000);
      try (WorkerHarness harness = new WorkerHarness(directory, MigrationSetLoader.classpath(), backfill,
          FleetLimits.of(concurrency, concurrency))) {
        requireSucceeded(harness.runAll(fleet, CrmFleet.DEAL_STAGES, Phase.EXPAND));

        double idleRate = backfill(harness, fleet, "backfill alone");
        requireSucceeded(harness.runAll(fleet, CrmFleet.DEAL_STAGES, Phase.ROLLBACK_MIGRATE));
        exec(database, "VACUUM ANALYZE deals");
        exec(database, "VACUUM ANALYZE deal_stages");

        // the foreground's idle and loaded periods interleave, so a burst of load from elsewhere on the machine
        // falls on both about equally: idle, then slices of the fleet's backfill with idle gaps between, then idle
        Foreground foreground = Foreground.start(database, fleet, foregroundThreads);
        Thread.sleep(2_000); // connections and JIT warm up unrecorded
        long idleMillis = Long.getLong("bench.idle.seconds", 10) * 1000;
        int slices = Integer.getInteger("bench.slices", 10);
        foreground.record(Period.IDLE, Foreground.BEFORE);
        Thread.sleep(idleMillis);
        long rows = 0;
        long backfillNanos = 0;
        for (int slice = 0; slice < slices; slice++) {
          List<TenantPlacement> part = fleet.subList(slice * fleet.size() / slices, (slice + 1) * fleet.size() / slices);
          foreground.record(Period.BACKFILL, Foreground.BEFORE);
          long start = System.nanoTime();
          List<Progress> results = harness.runAll(part, CrmFleet.DEAL_STAGES, Phase.MIGRATE);
          long sliceNanos = System.nanoTime() - start;
          backfillNanos += sliceNanos;
          foreground.record(Period.IDLE, slice == slices - 1 ? Foreground.AFTER : Foreground.GAPS);
          requireSucceeded(results);
          rows += results.stream().mapToLong(Progress::rowsDone).sum();
          // as long idle as loaded: the two samples cover equal time, in alternation
          Thread.sleep(slice == slices - 1 ? idleMillis : Math.max(1, sliceNanos / 1_000_000));
        }
        foreground.stop();
        double loadedRate = rows / (backfillNanos / 1e9);
        System.out.printf("backfill with foreground (throttle %s): %,d rows in %.1f s = %,.0f rows/s%n", throttle,
            rows, backfillNanos / 1e9, loadedRate);
        System.out.printf("foreground idle (before, gaps, after): %s%n  %s%n  p99 before %.2f ms, gaps %.2f ms,"
            + " after %.2f ms%n", foreground.summary(Period.IDLE), foreground.slowestSteps(Period.IDLE),
            foreground.idleP99(Foreground.BEFORE), foreground.idleP99(Foreground.GAPS),
            foreground.idleP99(Foreground.AFTER));
        System.out.printf("foreground during backfill: %s%n  %s%n", foreground.summary(Period.BACKFILL),
            foreground.slowestSteps(Period.BACKFILL));
        double idleP99 = foreground.quantile(Period.IDLE, 0.99);
        double loadedP99 = foreground.quantile(Period.BACKFILL, 0.99);
        System.out.printf("RESULT rows/s idle=%,.0f with-foreground=%,.0f; foreground p99 idle=%.2f ms,"
            + " during=%.2f ms, ratio=%.2f%n", idleRate, loadedRate, idleP99, loadedP99, loadedP99 / idleP99);
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

  enum Period { IDLE, BACKFILL }

  /**
   * Closed-loop clients with a short think time: point read and point update of one deal per transaction, each
   * recorded under the period it started in.
   */
  static final class Foreground {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    /** Per transaction: total, then scope, read, write and commit nanos, then the idle part. */
    private final Map<Period, List<long[]>> samples = new EnumMap<>(Period.class);
    static final int BEFORE = 0;
    static final int GAPS = 1;
    static final int AFTER = 2;
    private volatile Period period; // null: not recorded
    private volatile int idlePart;

    Foreground() {
      for (Period p : Period.values()) {
        samples.put(p, Collections.synchronizedList(new ArrayList<>()));
      }
    }

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
          CrmFleet.runtimePassword());
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
          Period recordAs = period;
          int part = idlePart;
          long start = System.nanoTime();
          scope.setString(1, tenantId);
          scope.execute();
          long scoped = System.nanoTime();
          read.setString(1, tenantId);
          read.setLong(2, id);
          try (ResultSet rs = read.executeQuery()) {
            rs.next();
          }
          long readDone = System.nanoTime();
          write.setString(1, tenantId);
          write.setLong(2, id);
          write.executeUpdate();
          long written = System.nanoTime();
          connection.commit();
          long end = System.nanoTime();
          if (recordAs != null) {
            samples.get(recordAs).add(
                new long[] {end - start, scoped - start, readDone - scoped, written - readDone, end - written, part});
          }
          Thread.sleep(2);
        }
      } catch (Exception e) {
        if (running.get()) {
          throw new IllegalStateException(e);
        }
      }
    }

    /** Transactions starting from now on count for {@code next} (and, when idle, for that part of it). */
    void record(Period next, int part) {
      idlePart = part;
      period = next;
    }

    /** The p99 of one part of the idle period: a backfill's aftermath (autovacuum, checkpoint) shows in the gaps. */
    double idleP99(int part) {
      long[] totals = samples.get(Period.IDLE).stream().filter(s -> s[5] == part).mapToLong(s -> s[0]).sorted()
          .toArray();
      return totals.length == 0 ? Double.NaN : totals[(int) Math.min(totals.length - 1, 0.99 * totals.length)] / 1e6;
    }

    void stop() throws InterruptedException {
      period = null;
      running.set(false);
      for (Thread thread : threads) {
        thread.join();
      }
    }

    private List<long[]> sorted(Period p) {
      List<long[]> sorted = new ArrayList<>(samples.get(p));
      sorted.sort((a, b) -> Long.compare(a[0], b[0]));
      return sorted;
    }

    double quantile(Period p, double q) {
      List<long[]> sorted = sorted(p);
      return sorted.isEmpty() ? Double.NaN
          : sorted.get((int) Math.min(sorted.size() - 1, q * sorted.size()))[0] / 1e6;
    }

    String summary(Period p) {
      return String.format("%,d tx, p50 %.2f ms, p99 %.2f ms, max %.2f ms", samples.get(p).size(), quantile(p, 0.5),
          quantile(p, 0.99), quantile(p, 1.0));
    }

    /** Mean time per step of the slowest 1 % of transactions. */
    String slowestSteps(Period p) {
      List<long[]> sorted = sorted(p);
      List<long[]> slowest = sorted.subList(sorted.size() - Math.max(1, sorted.size() / 100), sorted.size());
      double[] mean = new double[5];
      for (long[] s : slowest) {
        for (int i = 0; i < 5; i++) {
          mean[i] += s[i] / 1e6 / slowest.size();
        }
      }
      return String.format("slowest 1 %%: mean %.2f ms = scope %.2f + read %.2f + write %.2f + commit %.2f", mean[0],
          mean[1], mean[2], mean[3], mean[4]);
    }
  }
}
