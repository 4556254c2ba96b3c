package dev.tenantwave.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher thread: takes closed intervals from a bounded queue and hands their records to the sink. When it
 * falls behind (Kafka or the registry slow or away), the queue fills and further intervals are dropped and counted
 * instead of piling up. Counters are in requests, so that {@code recorded = published + failed + dropped} once
 * everything recorded has been closed and sent.
 */
final class IntervalSender {

  private static final Logger LOG = LoggerFactory.getLogger(IntervalSender.class);
  private static final ClosedInterval END = new ClosedInterval(0, 0, List.of(), 0);
  private static final long WARN_EVERY_MS = 10_000;

  private final BlockingQueue<ClosedInterval> queue;
  private final MetricsSink sink;
  private final MetricsRecordFactory records;
  private final Thread thread;
  private final LongAdder published = new LongAdder();
  private final LongAdder publishFailures = new LongAdder();
  private final LongAdder droppedByBackpressure = new LongAdder();
  private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE / 2);

  IntervalSender(RecorderSettings settings, MetricsSink sink) {
    this.queue = new ArrayBlockingQueue<>(settings.maxQueuedIntervals() + 1); // + 1: room for END
    this.sink = sink;
    this.records = new MetricsRecordFactory(settings);
    this.thread = new Thread(this::run, "tenantwave-metrics-publisher");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Queues a closed interval for publishing, or drops it (counted) when {@code maxQueuedIntervals} are waiting. */
  void offer(ClosedInterval interval) {
    if (interval.tenants().isEmpty()) {
      return;
    }
    if (queue.remainingCapacity() <= 1 || !queue.offer(interval)) {
      droppedByBackpressure.add(interval.requests());
    }
  }

  private void run() {
    try {
      for (ClosedInterval next = queue.take(); next != END; next = queue.take()) {
        publish(next);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void publish(ClosedInterval interval) {
    List<TenantCounts> tenants = interval.tenants();
    for (int k = 0; k < tenants.size(); k++) {
      long requests = tenants.get(k).requests();
      int failedFrom;
      try {
        if (sink.send(records.recordOf(interval, tenants.get(k)), interval.start(), failure -> {
          if (failure == null) {
            published.add(requests);
          } else {
            publishFailures.add(requests);
            warn("could not publish tenant metrics", failure);
          }
        })) {
          continue;
        }
        failedFrom = k + 1;
      } catch (RuntimeException e) {
        warn("could not publish tenant metrics", e);
        failedFrom = k;
      }
      // Kafka or the registry is away: every further send would wait max.block.ms again, so the rest of this
      // interval fails now and the publisher stays as close to the present as it can.
      for (int j = failedFrom; j < tenants.size(); j++) {
        publishFailures.add(tenants.get(j).requests());
      }
      return;
    }
  }

  /**
   * Publishes what is queued, within {@code timeout}; what is still queued then is dropped and counted.
   * Then closes the sink with the time left.
   */
  void close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (queue.offer(END, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
    }
    List<ClosedInterval> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(interval -> droppedByBackpressure.add(interval.requests()));
    sink.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  private void warn(String message, Exception e) {
    long now = System.currentTimeMillis();
    long last = lastWarning.get();
    if (now - last >= WARN_EVERY_MS && lastWarning.compareAndSet(last, now)) {
      LOG.warn("{} (warning at most every {} s): {}", message, WARN_EVERY_MS / 1000, e.toString());
    }
  }

  long published() {
    return published.sum();
  }

  long publishFailures() {
    return publishFailures.sum();
  }

  long droppedByBackpressure() {
    return droppedByBackpressure.sum();
  }
}
