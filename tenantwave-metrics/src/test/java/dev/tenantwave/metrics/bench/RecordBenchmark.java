package dev.tenantwave.metrics.bench;

import dev.tenantwave.metrics.Recorders;
import dev.tenantwave.metrics.TenantMetricsRecorder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code record()} costs the request path, once its tenants are known: JMH sample time (its p50 is the median
 * of single calls, timer included) and average time (back-to-back calls, whose cache misses overlap), with
 * {@code -prof gc} for the bytes allocated per call. The records of closed intervals go nowhere: no Kafka in the
 * measured JVM, so the allocations are the request path's and the publisher's only, and without closing intervals
 * the request path's alone. Run on purpose: {@code tenantwave-metrics/bench.sh record}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class RecordBenchmark {

  @Param({"1", "10000"})
  public int tenants;

  /** Whether intervals close every second, as in production; without, the allocations are the request path's. */
  @Param({"true", "false"})
  public boolean closeIntervals;

  private BenchRequests requests;
  private TenantMetricsRecorder recorder;

  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup(Level.Trial)
  public void start() {
    requests = new BenchRequests(tenants);
    recorder = Recorders.discarding(Recorders.builder().maxTenants(tenants), closeIntervals);
    for (String tenant : requests.tenantIds) {
      recorder.record(tenant, 200, 40_000_000L);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    recorder.close();
    if (recorder.droppedByCap() + recorder.droppedByBackpressure() + recorder.publishFailures() > 0) {
      throw new IllegalStateException("dropped requests: the figure would not be the steady state's");
    }
  }

  @Benchmark
  public void record(Cursor cursor) {
    int i = cursor.next++ & BenchRequests.MASK;
    recorder.record(requests.tenant[i], requests.status[i], requests.latencyNanos[i]);
  }
}
