package dev.tenantwave.metrics;

import dev.tenantwave.events.TenantRequestMetrics;
import java.time.Duration;
import java.util.function.Consumer;

/** Where closed intervals go, one record per tenant: {@code tenant.metrics.v1} ({@link KafkaMetricsSink}). */
interface MetricsSink {

  /**
   * Hands one record over, with its timestamp (event time: the start of its interval). {@code done} is told later,
   * possibly on another thread, whether it was written (null) or not (the failure). A failure to hand it over at
   * all is thrown.
   */
  void send(TenantRequestMetrics record, long timestamp, Consumer<Exception> done);

  /** Waits up to {@code timeout} for what was handed over, then releases the connection. */
  void close(Duration timeout);
}
