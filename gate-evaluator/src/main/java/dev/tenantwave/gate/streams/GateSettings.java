package dev.tenantwave.gate.streams;

import dev.tenantwave.events.LatencySketchLayout;
import dev.tenantwave.gate.topology.GateConfig;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code tenantwave.gate.*}: how the gate evaluator runs its Kafka Streams application. */
@ConfigurationProperties("tenantwave.gate")
public class GateSettings {

  public static final String DEFAULT_APPLICATION_ID = "tw-gate-evaluator";

  private String applicationId = DEFAULT_APPLICATION_ID;
  private Duration window = GateConfig.DEFAULT_WINDOW;
  private Duration grace = GateConfig.DEFAULT_GRACE;
  private Duration closeCheckInterval = GateConfig.DEFAULT_CLOSE_CHECK_INTERVAL;
  private double relativeAccuracy = LatencySketchLayout.DEFAULT_RELATIVE_ACCURACY;
  private Duration maxClockSkew = GateConfig.DEFAULT_MAX_CLOCK_SKEW;
  private int tenantPartitions = GateConfig.DEFAULT_TENANT_PARTITIONS;
  private int streamThreads = 1;
  private Duration commitInterval = Duration.ofSeconds(1);
  private String stateDir = System.getProperty("java.io.tmpdir") + "/tw-gate-evaluator";

  public GateConfig toGateConfig() {
    return new GateConfig(window, grace, closeCheckInterval, relativeAccuracy, maxClockSkew, tenantPartitions);
  }

  /** Kafka Streams application id: consumer group, prefix of internal topics. */
  public String getApplicationId() {
    return applicationId;
  }

  public void setApplicationId(String applicationId) {
    this.applicationId = applicationId;
  }

  /** Tumbling window of tenants in no release (a release's gates bring their own). Default 10 s. */
  public Duration getWindow() {
    return window;
  }

  public void setWindow(Duration window) {
    this.window = window;
  }

  /** How long after its end a window still takes late records. Default 2 s. */
  public Duration getGrace() {
    return grace;
  }

  public void setGrace(Duration grace) {
    this.grace = grace;
  }

  /** How often, in event time, closed windows are judged and bakes checked. Default 1 s. */
  public Duration getCloseCheckInterval() {
    return closeCheckInterval;
  }

  public void setCloseCheckInterval(Duration closeCheckInterval) {
    this.closeCheckInterval = closeCheckInterval;
  }

  /** DDSketch relative accuracy publishers use. Default 0.01. */
  public double getRelativeAccuracy() {
    return relativeAccuracy;
  }

  public void setRelativeAccuracy(double relativeAccuracy) {
    this.relativeAccuracy = relativeAccuracy;
  }

  /**
   * How far ahead of this instance's clock a metric record may be stamped. One stamped further ahead goes to
   * {@code tenant.metrics.v1.dlq} and moves nothing, stream time included. Default 30 s.
   */
  public Duration getMaxClockSkew() {
    return maxClockSkew;
  }

  public void setMaxClockSkew(Duration maxClockSkew) {
    this.maxClockSkew = maxClockSkew;
  }

  /**
   * Partitions of {@code release.tenant-state.v1} (the contract's 6). A tenant is judged on the partition Kafka's Java
   * default partitioner gives its id among them: a metric that its publisher put on another partition is brought
   * there through the gate's repartition topic, and a release state found on another partition is dead-lettered.
   */
  public int getTenantPartitions() {
    return tenantPartitions;
  }

  public void setTenantPartitions(int tenantPartitions) {
    this.tenantPartitions = tenantPartitions;
  }

  /** Stream threads of this instance. Default 1. */
  public int getStreamThreads() {
    return streamThreads;
  }

  public void setStreamThreads(int streamThreads) {
    this.streamThreads = streamThreads;
  }

  /**
   * How often a transaction commits: verdicts become visible then, and each dirty window reaches its changelog once.
   * Default 1 s: with 1 s windows the FAIL still arrives within window + 1 s, and a window takes several records per
   * commit instead of about one, as at 100 ms (Kafka's EOS default); docs/benchmarks.md, "Gate commit interval",
   * has the figures.
   */
  public Duration getCommitInterval() {
    return commitInterval;
  }

  public void setCommitInterval(Duration commitInterval) {
    this.commitInterval = commitInterval;
  }

  /** Local directory of the state stores. */
  public String getStateDir() {
    return stateDir;
  }

  public void setStateDir(String stateDir) {
    this.stateDir = stateDir;
  }
}
