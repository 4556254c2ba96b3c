package dev.tenantwave.metrics;

import dev.tenantwave.events.TenantRequestMetrics;
import java.time.Duration;
import java.util.function.Consumer;

/** Where closed intervals go, one record per tenant: {@code tenant.metrics.v1} ({@link KafkaMetricsSink}). */
interface MetricsSink {

  /**
   * Hands one record over, with its timestamp (event time: the start of its interval). {@code done} is told, possibly
   * later and on another thread, whether it was written (null) or not (the failure). Returns false when the record
   * could not be handed over in time ({@code done} has been told): the next ones would wait as long. A failure to
   * hand it over that {@code done} is not told of is thrown.
   */
  boolean send(TenantRequestMetrics record, long timestamp, Consumer<Exception> done);

  /** Waits up to {@code timeout} for what was handed over, then releases the connection. */
  void close(Duration timeout);
}
