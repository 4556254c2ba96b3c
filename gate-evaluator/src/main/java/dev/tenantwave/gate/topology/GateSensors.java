package dev.tenantwave.gate.topology;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * The gate's own counters, as Kafka Streams metrics of group {@value #GROUP} (one per task, tag
 * {@code gate-id}), so that {@code KafkaStreams#metrics()} and the Prometheus endpoint show them.
 */
public final class GateSensors {

  public static final String GROUP = "stream-gate-metrics";
  public static final String LATE_RECORDS = "late-records";
  public static final String DEAD_LETTERED_RECORDS = "dead-lettered-records";
  public static final String VERDICTS = "verdicts";

  private GateSensors() {}

  static Sensor sensor(ProcessingContext context, String operation) {
    return context.metrics().addRateTotalSensor("gate", context.taskId().toString(), operation,
        Sensor.RecordingLevel.INFO);
  }
}
