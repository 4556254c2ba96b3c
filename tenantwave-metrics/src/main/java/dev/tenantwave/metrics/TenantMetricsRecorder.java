package dev.tenantwave.metrics;

import dev.tenantwave.events.LatencySketchLayout;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-tenant request metrics for the gate evaluator: call {@link #record(String, int, long)} once per request; every
 * interval (1 s by default, aligned to the wall clock) each tenant's counts and DDSketch latency bins are published
 * in the background to {@code tenant.metrics.v1} as a {@code TenantRequestMetrics}, keyed by tenant, with the
 * interval's start as record timestamp.
 *
 * <p>{@code record} never blocks on I/O and never throws; once a tenant has been seen it allocates nothing. Memory is
 * bounded by {@code maxTenants} × 2 × {@code maxBinsPerTenant} bins and {@code maxQueuedIntervals}; what does not fit
 * is dropped and counted, as are intervals that cannot be published because Kafka is slow or away. Every counter
 * is in requests.
 */
public final class TenantMetricsRecorder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TenantMetricsRecorder.class);

  private final RecorderSettings settings;
  private final IntervalAggregator aggregator;
  private final IntervalSender sender;
  private final Clock clock;
  private final long intervalMillis;
  private final ScheduledExecutorService ticker;
  private final LongAdder droppedInvalid = new LongAdder();
  private long openStart;
  private volatile boolean closed;

  TenantMetricsRecorder(RecorderSettings settings, MetricsSink sink, Clock clock, boolean scheduleIntervals) {
    this.settings = settings;
    this.clock = clock;
    this.intervalMillis = settings.intervalMillis();
    this.aggregator = new IntervalAggregator(LatencySketchLayout.of(settings.relativeAccuracy()),
        settings.maxTenants(), RecorderSettings.INITIAL_BINS, settings.maxBinsPerTenant(), settings.idleIntervals());
    this.sender = new IntervalSender(settings, sink);
    long now = clock.millis();
    this.openStart = now - Math.floorMod(now, intervalMillis);
    sender.start();
    if (scheduleIntervals) {
      ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tenantwave-metrics-interval");
        thread.setDaemon(true);
        return thread;
      });
      scheduleNextBoundary();
    } else {
      ticker = null;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** One request of {@code tenantId} answered with HTTP {@code status} after {@code latencyNanos}. */
  public void record(String tenantId, int status, long latencyNanos) {
    record(tenantId, status, latencyNanos, false);
  }

  /** One request of {@code tenantId} answered with HTTP {@code status} after {@code latency}. */
  public void record(String tenantId, int status, Duration latency) {
    record(tenantId, status, latency, false);
  }

  /** One request of {@code tenantId} that timed out after {@code latencyNanos}: counted as a timeout, not by status. */
  public void recordTimeout(String tenantId, long latencyNanos) {
    record(tenantId, 0, latencyNanos, true);
  }

  /** One request of {@code tenantId} that timed out after {@code latency}. */
  public void recordTimeout(String tenantId, Duration latency) {
    record(tenantId, 0, latency, true);
  }

  private void record(String tenantId, int status, Duration latency, boolean timeout) {
    if (latency == null) {
      droppedInvalid.increment();
      return;
    }
    record(tenantId, status, saturatedNanos(latency), timeout);
  }

  private void record(String tenantId, int status, long latencyNanos, boolean timeout) {
    if (closed) {
      return;
    }
    if (tenantId == null) {
      droppedInvalid.increment();
      return;
    }
    try {
      aggregator.record(tenantId, status, latencyNanos, timeout);
    } catch (RuntimeException e) {
      droppedInvalid.increment(); // a bug of ours must not fail the application's request
    }
  }

  private static long saturatedNanos(Duration latency) {
    if (latency.isNegative()) {
      return -1;
    }
    return latency.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : latency.toNanos();
  }

  /**
   * Closes the open interval if {@code now} (epoch millis) is past its end, and queues it for publishing. The
   * interval thread calls it at each boundary; tests call it directly.
   */
  synchronized void advanceTo(long now) {
    long boundary = now - Math.floorMod(now, intervalMillis);
    if (boundary > openStart) {
      sender.offer(aggregator.closeInterval(openStart, boundary));
      openStart = boundary;
    }
  }

  private void scheduleNextBoundary() {
    long delay = Math.max(1, openStart + intervalMillis - clock.millis());
    try {
      ticker.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  private void tick() {
    try {
      advanceTo(clock.millis());
    } catch (RuntimeException e) {
      LOG.warn("Could not close the metrics interval", e);
    } finally {
      scheduleNextBoundary();
    }
  }

  /**
   * Publishes the open interval and what is queued, waiting at most {@code closeTimeout} (5 s by default), then
   * closes the producer. Requests recorded afterwards are ignored.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (ticker != null) {
      ticker.shutdownNow();
      try {
        ticker.awaitTermination(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      sender.offer(aggregator.closeInterval(openStart, openStart + intervalMillis));
    }
    sender.close(settings.closeTimeout());
  }

  /** Requests added to a tenant's interval. */
  public long recorded() {
    return aggregator.recorded();
  }

  /** Requests dropped because their tenant would have exceeded {@code maxTenants}. */
  public long droppedByCap() {
    return aggregator.droppedByCap();
  }

  /** Requests dropped because the publisher was behind by {@code maxQueuedIntervals} (Kafka slow or away). */
  public long droppedByBackpressure() {
    return sender.droppedByBackpressure();
  }

  /** Requests in records that Kafka acknowledged. */
  public long published() {
    return sender.published();
  }

  /** Requests in records that could not be published (Kafka or the registry away, or timed out). */
  public long publishFailures() {
    return sender.publishFailures();
  }

  /** Requests dropped because the tenant id or the latency was null. */
  public long droppedInvalid() {
    return droppedInvalid.sum();
  }

  /** Tenants that currently hold a slot (at most {@code maxTenants}). */
  public int tenants() {
    return aggregator.tenants();
  }

  /**
   * Settings of a recorder; {@link #bootstrapServers}, {@link #registryUrl}, {@link #service} and {@link #appVersion}
   * are required, everything else has a default.
   */
  public static final class Builder {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_TENANTS = 10_000;
    public static final int DEFAULT_MAX_BINS_PER_TENANT = 512;
    public static final int DEFAULT_MAX_QUEUED_INTERVALS = 5;
    public static final Duration DEFAULT_IDLE_TENANT_EXPIRY = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private String bootstrapServers;
    private String registryUrl;
    private String service;
    private String appVersion;
    private String instance = defaultInstance();
    private Duration interval = DEFAULT_INTERVAL;
    private int maxTenants = DEFAULT_MAX_TENANTS;
    private int maxBinsPerTenant = DEFAULT_MAX_BINS_PER_TENANT;
    private int maxQueuedIntervals = DEFAULT_MAX_QUEUED_INTERVALS;
    private Duration idleTenantExpiry = DEFAULT_IDLE_TENANT_EXPIRY;
    private double relativeAccuracy = LatencySketchLayout.DEFAULT_RELATIVE_ACCURACY;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private Map<String, Object> producerConfig = Map.of();
    private Map<String, Object> registryConfig = Map.of();

    private Builder() {}

    /** Kafka's bootstrap servers, {@code host:port,...}. */
    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
      return this;
    }

    /** The schema registry's base URL, such as {@code http://registry:8080}. */
    public Builder registryUrl(String registryUrl) {
      this.registryUrl = registryUrl;
      return this;
    }

    /** Name of this service, as records carry it. */
    public Builder service(String service) {
      this.service = service;
      return this;
    }

    /** Version of this service that serves the requests: the gate tells a tenant's baseline and new version by it. */
    public Builder appVersion(String appVersion) {
      this.appVersion = appVersion;
      return this;
    }

    /** Id of this instance; by default {@code $HOSTNAME-<pid>}. */
    public Builder instance(String instance) {
      this.instance = instance;
      return this;
    }

    /**
     * Length of an interval, aligned to the wall clock: a divisor of one second (the default, which divides every
     * gate window) or a whole number of seconds that divides the gate's window.
     */
    public Builder interval(Duration interval) {
      this.interval = interval;
      return this;
    }

    /** Tenants held at once; requests of more tenants are dropped and counted (see {@code droppedByCap()}). */
    public Builder maxTenants(int maxTenants) {
      this.maxTenants = maxTenants;
      return this;
    }

    /**
     * Latency bins a tenant's interval may span (at 1 % accuracy, 512 bins span latencies 27,000× apart). Beyond
     * it, the fastest latencies are folded into the lowest kept bin; the slow end keeps its accuracy.
     */
    public Builder maxBinsPerTenant(int maxBinsPerTenant) {
      this.maxBinsPerTenant = maxBinsPerTenant;
      return this;
    }

    /** Closed intervals waiting for the publisher; further ones are dropped (see {@code droppedByBackpressure()}). */
    public Builder maxQueuedIntervals(int maxQueuedIntervals) {
      this.maxQueuedIntervals = maxQueuedIntervals;
      return this;
    }

    /** A tenant without requests for this long gives its place under {@link #maxTenants} back. */
    public Builder idleTenantExpiry(Duration idleTenantExpiry) {
      this.idleTenantExpiry = idleTenantExpiry;
      return this;
    }

    /** DDSketch accuracy; must be the gate's {@code tenantwave.gate.relative-accuracy} (both default to 0.01). */
    public Builder relativeAccuracy(double relativeAccuracy) {
      this.relativeAccuracy = relativeAccuracy;
      return this;
    }

    /** How long {@link TenantMetricsRecorder#close()} waits for the last intervals to be published. */
    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = closeTimeout;
      return this;
    }

    /** Kafka producer settings added or overridden (security, {@code max.block.ms}, ...). */
    public Builder producerConfig(Map<String, ?> producerConfig) {
      this.producerConfig = Map.copyOf(producerConfig);
      return this;
    }

    /** Apicurio serde settings added or overridden (registry auth, TLS, ...), see {@code EventSerdes.withConfig}. */
    public Builder registryConfig(Map<String, ?> registryConfig) {
      this.registryConfig = Map.copyOf(registryConfig);
      return this;
    }

    /** Starts the recorder: its interval thread, its publisher thread and a Kafka producer. */
    public TenantMetricsRecorder build() {
      RecorderSettings settings = settings();
      return new TenantMetricsRecorder(settings, new KafkaMetricsSink(settings), Clock.systemUTC(), true);
    }

    /** The validated settings; an {@link IllegalArgumentException} names every problem. */
    RecorderSettings settings() {
      List<String> problems = new ArrayList<>();
      requireText(problems, "bootstrapServers", bootstrapServers);
      requireText(problems, "registryUrl", registryUrl);
      requireText(problems, "service", service);
      requireText(problems, "appVersion", appVersion);
      requireText(problems, "instance", instance);
      long millis = interval == null ? 0 : interval.toMillis();
      if (millis < 100 || millis > 60_000 || (1000 % millis != 0 && millis % 1000 != 0)) {
        problems.add("interval must be a divisor of 1 s or a whole number of seconds, 100 ms to 60 s, was "
            + interval);
      }
      if (maxTenants < 1) {
        problems.add("maxTenants must be positive, was " + maxTenants);
      }
      if (maxBinsPerTenant < 16) {
        problems.add("maxBinsPerTenant must be at least 16, was " + maxBinsPerTenant);
      }
      if (maxQueuedIntervals < 1) {
        problems.add("maxQueuedIntervals must be positive, was " + maxQueuedIntervals);
      }
      if (idleTenantExpiry == null || idleTenantExpiry.toMillis() < millis) {
        problems.add("idleTenantExpiry must be at least one interval, was " + idleTenantExpiry);
      }
      if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
        problems.add("relativeAccuracy must be in (0, 1), was " + relativeAccuracy);
      }
      if (closeTimeout == null || closeTimeout.isNegative()) {
        problems.add("closeTimeout must not be negative, was " + closeTimeout);
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("Invalid metrics recorder settings: " + String.join("; ", problems));
      }
      return new RecorderSettings(bootstrapServers, registryUrl, service, appVersion, instance, interval,
          maxTenants, maxBinsPerTenant, maxQueuedIntervals, idleTenantExpiry, relativeAccuracy, closeTimeout,
          producerConfig, registryConfig);
    }

    private static void requireText(List<String> problems, String name, String value) {
      if (value == null || value.isBlank()) {
        problems.add(name + " is required");
      }
    }

    private static String defaultInstance() {
      String host = System.getenv("HOSTNAME");
      return (host == null || host.isBlank() ? "localhost" : host) + "-" + ProcessHandle.current().pid();
    }
  }
}
