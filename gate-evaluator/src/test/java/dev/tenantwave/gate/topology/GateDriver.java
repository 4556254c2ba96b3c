package dev.tenantwave.gate.topology;

import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.GateWindow;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topics;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The gate topology under {@link TopologyTestDriver}, fed and read the way the real topics are. The driver has one
 * partition per topic, partition 0: with {@link #config()} every tenant belongs there; with more tenant partitions,
 * a tenant that belongs elsewhere has its metrics go through the repartition topic (which the driver feeds back).
 */
final class GateDriver implements AutoCloseable {

  static final Serde<TenantRequestMetrics> METRICS =
      new AvroStateSerde<>(TenantRequestMetrics.getEncoder(), TenantRequestMetrics.getDecoder());
  static final Serde<TenantReleaseState> STATES =
      new AvroStateSerde<>(TenantReleaseState.getEncoder(), TenantReleaseState.getDecoder());
  static final Serde<GateVerdict> VERDICTS = new AvroStateSerde<>(GateVerdict.getEncoder(), GateVerdict.getDecoder());
  static final Serde<GateWindow> WINDOWS = new AvroStateSerde<>(GateWindow.getEncoder(), GateWindow.getDecoder());

  private final TopologyTestDriver driver;
  private final TestInputTopic<String, byte[]> metrics;
  private final TestInputTopic<String, TenantReleaseState> states;
  private final TestOutputTopic<String, GateVerdict> verdicts;
  private final TestOutputTopic<String, GateWindow> windows;
  private final TestOutputTopic<String, byte[]> deadLetters;
  private final TestOutputTopic<String, byte[]> releaseStateDeadLetters;

  /** The wall clock of the driver: stream threads read it, and it fires wall-clock punctuations. */
  private long wallClock;

  /** The default configuration, on the driver's one partition per topic. */
  static GateConfig config() {
    return GateConfig.defaults().withTenantPartitions(1);
  }

  GateDriver(GateConfig config) {
    this(config, Instant.now());
  }

  GateDriver(GateConfig config, Instant wallClockStart) {
    this.wallClock = wallClockStart.toEpochMilli();
    driver = new TopologyTestDriver(GateTopology.buildTopology(config, () -> wallClock, METRICS, STATES, VERDICTS,
        WINDOWS),
        properties("gate-test"), wallClockStart);
    metrics = driver.createInputTopic(Topics.TENANT_METRICS.name(), Serdes.String().serializer(),
        Serdes.ByteArray().serializer());
    states = driver.createInputTopic(Topics.RELEASE_TENANT_STATE.name(), Serdes.String().serializer(),
        STATES.serializer());
    verdicts = driver.createOutputTopic(Topics.GATE_VERDICTS.name(), Serdes.String().deserializer(),
        VERDICTS.deserializer());
    windows = driver.createOutputTopic(Topics.GATE_WINDOWS.name(), Serdes.String().deserializer(),
        WINDOWS.deserializer());
    deadLetters = driver.createOutputTopic(Topics.TENANT_METRICS.deadLetterTopic(), Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer());
    releaseStateDeadLetters = driver.createOutputTopic(Topics.RELEASE_TENANT_STATE.deadLetterTopic(),
        Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
  }

  void publish(TenantRequestMetrics m) {
    publish(m, m.getWindowStart().toEpochMilli());
  }

  void publish(TenantRequestMetrics m, long timestamp) {
    metrics.pipeInput(new TestRecord<>(m.getTenantId(), METRICS.serializer().serialize(null, m), new RecordHeaders(),
        Instant.ofEpochMilli(timestamp)));
  }

  void publishRaw(String key, byte[] value, long timestamp) {
    metrics.pipeInput(new TestRecord<>(key, value, new RecordHeaders(), Instant.ofEpochMilli(timestamp)));
  }

  void switchTenant(TenantReleaseState state) {
    switchTenant(state, state.getSince().toEpochMilli());
  }

  /** The state as its relay publishes it: decided at its {@code since}, on the wire at {@code publishedAt}. */
  void switchTenant(TenantReleaseState state, long publishedAt) {
    states.pipeInput(new TestRecord<>(state.getTenantId(), state, new RecordHeaders(),
        Instant.ofEpochMilli(publishedAt)));
  }

  /** Streams settings for a {@link TopologyTestDriver}: the application id and a fresh state directory. */
  static Properties properties(String applicationId) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try {
      props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(applicationId).toString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return props;
  }

  /** Moves the wall clock forward, firing the wall-clock punctuations that are due. */
  void advanceWallClockTo(long timestamp) {
    if (timestamp < wallClock) {
      throw new IllegalArgumentException("the wall clock does not go back");
    }
    driver.advanceWallClockTime(java.time.Duration.ofMillis(timestamp - wallClock));
    wallClock = timestamp;
  }

  long wallClock() {
    return wallClock;
  }

  /** Moves event time on with one record of a tenant that is in no release. */
  void advanceTo(long timestamp) {
    publish(GateEvents.metrics("clock-tenant", "v1", timestamp, 1, 0, 0, 5.0));
  }

  List<GateVerdict> verdicts() {
    return verdicts.readValuesToList();
  }

  List<TestRecord<String, GateWindow>> windows() {
    return windows.readRecordsToList();
  }

  List<TestRecord<String, byte[]>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  List<TestRecord<String, byte[]>> releaseStateDeadLetters() {
    return releaseStateDeadLetters.readRecordsToList();
  }

  /** Whether the gate wrote anything to its repartition topic. */
  boolean rerouted() {
    return driver.producedTopicNames().contains("gate-test-" + GateTopology.METRICS_BY_TENANT + "-repartition");
  }

  /** The records the gate wrote to a store's changelog, in order (a null value is a tombstone). */
  <V> List<TestRecord<String, V>> changelog(String store, Serde<V> serde) {
    return driver.createOutputTopic("gate-test-" + store + "-changelog", Serdes.String().deserializer(),
        serde.deserializer()).readRecordsToList();
  }

  double metricTotal(String operation) {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().group().equals(GateSensors.GROUP) && e.getKey().name().equals(operation + "-total"))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }

  static String header(Headers headers, String key) {
    var header = headers.lastHeader(key);
    return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    driver.close();
  }

}
