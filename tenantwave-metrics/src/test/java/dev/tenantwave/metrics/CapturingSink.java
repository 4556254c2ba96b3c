package dev.tenantwave.metrics;

import dev.tenantwave.events.TenantRequestMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/** A sink that keeps what it is given, with its timestamp, and reports each record written at once. */
final class CapturingSink implements MetricsSink {

  record Sent(TenantRequestMetrics record, long timestamp) {}

  final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
  volatile boolean closed;

  @Override
  public boolean send(TenantRequestMetrics record, long timestamp, Consumer<Exception> done) {
    sent.add(new Sent(record, timestamp));
    done.accept(null);
    return true;
  }

  @Override
  public void close(Duration timeout) {
    closed = true;
  }

  List<TenantRequestMetrics> records() {
    return sent.stream().map(Sent::record).toList();
  }

  List<TenantRequestMetrics> recordsOf(String tenantId) {
    return records().stream().filter(r -> r.getTenantId().equals(tenantId)).toList();
  }
}
