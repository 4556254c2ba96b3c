package dev.tenantwave.metrics.bench;

import dev.tenantwave.metrics.TenantMetricsRecorder;
import dev.tenantwave.testsupport.TestInfra;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * One thread records {@code tenants × rate} requests a second (10,000 × 1,000 by default: 10 million a second, one
 * call every 100 ns) for {@code seconds} (30), while the recorder publishes every tenant's interval each second to
 * the real broker and registry. The requests follow one schedule over the whole run, as requests arrive at a server:
 * the thread never runs ahead of it, and when it falls behind (it lost its core, a collection paused it) it records
 * the requests that came meanwhile as soon as it can, as a server records the requests that queued. It prints the
 * rate achieved, the calls in each second, how far behind the schedule the thread fell at worst, the recorder's
 * counters and the garbage collections of the run. Run on purpose:
 * {@code tenantwave-metrics/bench.sh sustained [tenants] [requestsPerTenantPerSecond] [seconds]}.
 */
public final class SustainedThroughputMain {

  private static final int WARM_UP_SECONDS = 5;

  private SustainedThroughputMain() {}

  public static void main(String[] args) {
    int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    long perTenant = args.length > 1 ? Long.parseLong(args[1]) : 1_000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    long target = tenants * perTenant;

    TestInfra infra = TestInfra.get();
    infra.createTopics();
    BenchRequests requests = new BenchRequests(tenants);
    TenantMetricsRecorder recorder = TenantMetricsRecorder.builder().bootstrapServers(infra.kafkaBootstrap())
        .registryUrl(infra.registryUrl()).service("bench-api").appVersion("bench").maxTenants(tenants).build();

    run(recorder, requests, target, WARM_UP_SECONDS);
    long recordedBefore = recorder.recorded();
    long publishedBefore = recorder.published();
    long gcCountBefore = gcCount();
    long gcMillisBefore = gcMillis();
    double loadBefore = load();
    long threadCpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    long processCpuBefore = processCpuNanos();
    Run run = run(recorder, requests, target, seconds);
    double elapsed = run.seconds();
    long threadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpuBefore;
    long otherCpu = processCpuNanos() - processCpuBefore - threadCpu;
    long gcCount = gcCount() - gcCountBefore;
    long gcMillis = gcMillis() - gcMillisBefore;
    double loadDuring = load();
    long published = recorder.published() - publishedBefore;
    long recorded = recorder.recorded() - recordedBefore;
    recorder.close();

    long total = run.calls();
    long[] sorted = run.perSecond().clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "BENCH sustained: %,d tenants × %,d requests/s = %,d requests/s on one thread, "
        + "%d s (after a %d s warm-up)%n", tenants, perTenant, target, seconds, WARM_UP_SECONDS);
    System.out.printf(Locale.ROOT, "BENCH achieved %,.0f requests/s (%.1f %% of the target; seconds: slowest %,d, "
        + "median %,d, fastest %,d), %.1f ns a call (%.1f ns of the recording thread's CPU, its spinning while "
        + "ahead of the schedule included)%n", total / elapsed,
        100.0 * total / elapsed / target, sorted[0], sorted[seconds / 2], sorted[seconds - 1], elapsed * 1e9 / total,
        (double) threadCpu / total);
    System.out.printf(Locale.ROOT, "BENCH at worst %.1f ms behind the schedule; %.1f ms behind at the end%n",
        run.maxBehindNanos() / 1e6, run.endBehindNanos() / 1e6);
    System.out.printf(Locale.ROOT, "BENCH the JVM's other threads (interval, publisher, producer, GC): %.2f CPU "
        + "seconds a second%n", otherCpu / 1e9 / elapsed);
    System.out.printf(Locale.ROOT, "BENCH during the run: recorded %,d, published %,d (intervals closed in the run "
        + "and acknowledged)%n", recorded, published);
    System.out.printf(Locale.ROOT, "BENCH totals after close: recorded %,d = published %,d + dropped by back-pressure "
        + "%,d + publish failures %,d; dropped by cap %,d, invalid %,d%n", recorder.recorded(), recorder.published(),
        recorder.droppedByBackpressure(), recorder.publishFailures(), recorder.droppedByCap(),
        recorder.droppedInvalid());
    System.out.printf(Locale.ROOT, "BENCH GC in the run: %d collections, %d ms; load average %.2f before, %.2f "
        + "after (%d cores)%n", gcCount, gcMillis, loadBefore, loadDuring,
        Runtime.getRuntime().availableProcessors());
    System.exit(0);
  }

  /**
   * What a run did: its calls, in total and in each second, how far behind the schedule it fell at worst, and how
   * far behind it was when the time was up (what it never made up).
   */
  private record Run(long calls, long[] perSecond, long maxBehindNanos, long endBehindNanos, double seconds) {}

  /**
   * Records {@code target} requests a second for {@code seconds} on one schedule: request {@code n} is due at
   * {@code n / target} seconds from the start, and each batch of 1,024 waits for its time, never earlier.
   */
  private static Run run(TenantMetricsRecorder recorder, BenchRequests requests, long target, int seconds) {
    long[] perSecond = new long[seconds];
    long nanos = seconds * 1_000_000_000L;
    long start = System.nanoTime();
    long calls = 0;
    long maxBehind = 0;
    long behind = 0;
    int i = 0;
    long elapsed;
    while ((elapsed = System.nanoTime() - start) < nanos) {
      for (int k = 0; k < 1024; k++) {
        int r = i++ & BenchRequests.MASK;
        recorder.record(requests.tenant[r], requests.status[r], requests.latencyNanos[r]);
      }
      calls += 1024;
      perSecond[(int) (elapsed / 1_000_000_000L)] += 1024;
      long due = start + calls * 1_000_000_000L / target;
      behind = System.nanoTime() - due;
      maxBehind = Math.max(maxBehind, behind);
      while (System.nanoTime() < due) {
        Thread.onSpinWait();
      }
    }
    return new Run(calls, perSecond, maxBehind, Math.max(0, behind), (System.nanoTime() - start) / 1e9);
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
