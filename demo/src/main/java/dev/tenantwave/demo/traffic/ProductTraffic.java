package dev.tenantwave.demo.traffic;

import dev.tenantwave.metrics.TenantMetricsRecorder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The example CRM product's requests, as its instances report them through {@code tenantwave-metrics}: two fleets of
 * instances, one per version (each recorder's {@code appVersion} is its configuration), and every tenant's requests
 * served by the version its router sends it to. Every {@value #TICK_MILLIS} ms each tenant makes a tenth of its
 * second's requests; a tenant's 4xx and 5xx come at its own rates, spread evenly, and its latencies cycle through its
 * own distribution, so every second of a healthy tenant looks the same on either version.
 */
public final class ProductTraffic implements AutoCloseable {

  private static final int TICK_MILLIS = 100;
  private static final int TICKS_PER_SECOND = 1000 / TICK_MILLIS;

  private final List<TenantProfile> profiles;
  private final Map<String, TenantMetricsRecorder> recorders;
  private final String newVersion;
  private final UnaryOperator<String> versionOf;
  private final Tenant[] tenants;
  private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "demo-product-traffic");
    thread.setDaemon(true);
    return thread;
  });
  private volatile long ticks;

  /** A tenant's running position: which latency comes next and how much 4xx and 5xx it owes. */
  private static final class Tenant {
    final TenantProfile profile;
    int nextLatency;
    double owed4xx;
    double owed5xx;
    double owedRequests;

    Tenant(TenantProfile profile) {
      this.profile = profile;
    }
  }

  /**
   * Starts at once. {@code recorders} by the version they report; {@code versionOf} gives the version a tenant's
   * requests go to now; a tenant's {@link TenantProfile.Behaviour} applies on {@code newVersion}.
   */
  public ProductTraffic(List<TenantProfile> profiles, Map<String, TenantMetricsRecorder> recorders,
      String newVersion, UnaryOperator<String> versionOf) {
    this.profiles = List.copyOf(profiles);
    this.recorders = Map.copyOf(recorders);
    this.newVersion = newVersion;
    this.versionOf = versionOf;
    this.tenants = profiles.stream().map(Tenant::new).toArray(Tenant[]::new);
    clock.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** A tick that throws is reported, not left to stop the schedule for good. */
  private void tick() {
    try {
      ticks++;
      for (Tenant tenant : tenants) {
        serve(tenant);
      }
    } catch (RuntimeException e) {
      System.err.println("demo traffic: a tick failed: " + e);
    }
  }

  private void serve(Tenant tenant) {
    TenantProfile profile = tenant.profile;
    String version = versionOf.apply(profile.tenantId());
    TenantMetricsRecorder recorder = recorders.get(version);
    boolean changed = version.equals(newVersion);
    double rate5xx = changed && profile.onNewVersion() == TenantProfile.Behaviour.ERRORS
        ? TenantProfile.BAD_5XX_RATE : profile.rate5xx();
    long slowdown = changed && profile.onNewVersion() == TenantProfile.Behaviour.SLOW ? TenantProfile.SLOW_FACTOR : 1;
    tenant.owedRequests += (double) profile.requestsPerSecond() / TICKS_PER_SECOND;
    for (; tenant.owedRequests >= 1; tenant.owedRequests--) {
      long latency = profile.latencyNanos()[tenant.nextLatency] * slowdown;
      tenant.nextLatency = (tenant.nextLatency + 1) % profile.latencyNanos().length;
      tenant.owed4xx += profile.rate4xx();
      tenant.owed5xx += rate5xx;
      int status = 200;
      if (tenant.owed5xx >= 1) {
        tenant.owed5xx--;
        status = 503;
      } else if (tenant.owed4xx >= 1) {
        tenant.owed4xx--;
        status = 404;
      }
      recorder.record(profile.tenantId(), status, latency);
    }
  }

  /** Requests per second of the whole fleet. */
  public int requestsPerSecond() {
    return profiles.stream().mapToInt(TenantProfile::requestsPerSecond).sum();
  }

  /** Seconds of traffic made so far. */
  public long seconds() {
    return ticks / TICKS_PER_SECOND;
  }

  @Override
  public void close() throws InterruptedException {
    clock.shutdown();
    clock.awaitTermination(10, TimeUnit.SECONDS);
    recorders.values().forEach(TenantMetricsRecorder::close);
  }
}
