package dev.tenantwave.gate.topology;

import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The first step of every metric record: one that {@link EventTimeGuard} found stamped too far ahead of the wall clock
 * goes to the dead letters, with its timestamp and the gate's clock in the reason; every other goes to the judge.
 */
final class MetricsAdmission implements Processor<String, byte[], String, Object> {

  private final long maxSkewMillis;
  private ProcessorContext<String, Object> context;
  private Sensor deadLettered;

  MetricsAdmission(GateConfig config) {
    this.maxSkewMillis = config.maxClockSkew().toMillis();
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.deadLettered = GateSensors.sensor(context, GateSensors.DEAD_LETTERED_RECORDS);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Long future = EventTimeGuard.futureTimestamp(record.headers());
    if (future == null) {
      context.forward(record, GateTopology.JUDGE);
      return;
    }
    long wallClock = context.currentSystemTimeMs();
    DecodeOrDeadLetter.deadLetter(context, record.withTimestamp(wallClock), String.format(Locale.ROOT,
        "timestamp %s is %.1f s ahead of the wall clock %s; at most %.1f s is allowed "
            + "(tenantwave.gate.max-clock-skew), so the gate does not trust it as event time",
        Instant.ofEpochMilli(future), (future - wallClock) / 1000.0, Instant.ofEpochMilli(wallClock),
        maxSkewMillis / 1000.0), null, GateTopology.METRICS_DEAD_LETTERS, deadLettered);
  }
}
