package dev.tenantwave.metrics.bench;

import dev.tenantwave.metrics.TenantMetricsRecorder;
import dev.tenantwave.testsupport.TestInfra;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * One thread records {@code tenants × rate} requests a second (10,000 × 1,000 by default: 10 million a second, one
 * call every 100 ns) for {@code seconds} (30), paced so it never runs ahead of that rate, while the recorder
 * publishes every tenant's interval each second to the real broker and registry. It prints the rate achieved, the
 * recorder's counters and the garbage collections of the run. Run on purpose:
 * {@code tenantwave-metrics/bench.sh sustained [tenants] [requestsPerTenantPerSecond] [seconds]}.
 */
public final class SustainedThroughputMain {

  private static final long WARM_UP_NANOS = 5_000_000_000L;

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

    run(recorder, requests, target, WARM_UP_NANOS);
    long recordedBefore = recorder.recorded();
    long publishedBefore = recorder.published();
    long gcCountBefore = gcCount();
    long gcMillisBefore = gcMillis();
    double loadBefore = load();
    long[] calls = new long[seconds];
    long threadCpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    long processCpuBefore = processCpuNanos();
    long start = System.nanoTime();
    for (int s = 0; s < seconds; s++) {
      calls[s] = run(recorder, requests, target, 1_000_000_000L);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long threadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpuBefore;
    long otherCpu = processCpuNanos() - processCpuBefore - threadCpu;
    long gcCount = gcCount() - gcCountBefore;
    long gcMillis = gcMillis() - gcMillisBefore;
    double loadDuring = load();
    long published = recorder.published() - publishedBefore;
    long recorded = recorder.recorded() - recordedBefore;
    recorder.close();

    long total = 0;
    for (long c : calls) {
      total += c;
    }
    long[] sorted = calls.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "BENCH sustained: %,d tenants × %,d requests/s = %,d requests/s on one thread, "
        + "%d s (after a %d s warm-up)%n", tenants, perTenant, target, seconds, WARM_UP_NANOS / 1_000_000_000L);
    System.out.printf(Locale.ROOT, "BENCH achieved %,.0f requests/s (%.1f %% of the target; seconds: slowest %,d, "
        + "median %,d, fastest %,d), %.1f ns a call (%.1f ns of the recording thread's CPU)%n", total / elapsed,
        100.0 * total / elapsed / target, sorted[0], sorted[seconds / 2], sorted[seconds - 1], elapsed * 1e9 / total,
        (double) threadCpu / total);
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

  /** Records at {@code target} a second, never ahead of it, for {@code nanos}; returns the calls made. */
  private static long run(TenantMetricsRecorder recorder, BenchRequests requests, long target, long nanos) {
    long start = System.nanoTime();
    long calls = 0;
    int i = 0;
    while (System.nanoTime() - start < nanos) {
      for (int k = 0; k < 1024; k++) {
        int r = i++ & BenchRequests.MASK;
        recorder.record(requests.tenant[r], requests.status[r], requests.latencyNanos[r]);
      }
      calls += 1024;
      long due = start + calls * 1_000_000_000L / target;
      while (System.nanoTime() < due) {
        Thread.onSpinWait();
      }
    }
    return calls;
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
