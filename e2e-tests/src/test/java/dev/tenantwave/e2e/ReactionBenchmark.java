package dev.tenantwave.e2e;

import static org.awaitility.Awaitility.await;

import dev.tenantwave.demo.fleet.CatalogSetup;
import dev.tenantwave.demo.fleet.Fleet;
import dev.tenantwave.demo.release.ReleaseTopics;
import dev.tenantwave.demo.rest.Api;
import dev.tenantwave.demo.rest.Users;
import dev.tenantwave.e2e.Tenantwave.Service;
import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.TestInfra;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How fast a tenant whose metrics turn bad is switched back, through the real gate evaluator and the real
 * orchestrator (each its own process from its jar; the catalog feeds the orchestrator's plan). Not a test; run it on
 * purpose: {@code e2e-tests/bench.sh ReactionBenchmark [trials]}.
 *
 * <p>One release without migration set (so no migration worker: nothing is expanded or migrated, a FAIL switches
 * the tenant back at once), 1 s gate windows, a bake of an hour (no PASS), a failure budget above the trials (the
 * wave never pauses). Every tenant sends healthy traffic each second. In each trial one more tenant turns bad at a
 * whole second: its healthy traffic stops and it sends a bad window as the gate benchmark does, 10 records of 10
 * requests, half of them 5xx, 100 ms apart, each stamped with its send time; with the gate benchmark's 50 requests
 * at least (the contract's default), the window breaches with the fifth record, 400 ms in. The reaction is the time from the
 * first bad record's timestamp to the moment this JVM reads the tenant's {@code release.tenant-state.v1} record
 * with phase ROLLBACK and the previous version (also printed: to that record's own timestamp, the relay's
 * producer's create time).
 */
public final class ReactionBenchmark {

  private static final int TRIALS = Integer.getInteger("tw.bench.trials", 20);
  private static final int HEALTHY = Integer.getInteger("tw.bench.healthy", 40);
  private static final int BAD_RECORDS = 10;
  private static final long BAD_RECORD_SPACING_MS = 100;
  private static final String PREVIOUS = "2.3.1";
  private static final String NEW = "2.4.0";

  private final TestInfra infra = TestInfra.get();
  private final EventSerdes serdes = EventSerdes.forRegistry(infra.registryUrl());
  private final Users users = Users.random();
  private final String run = TestInfra.uniqueId("react");
  private final Fleet fleet = Fleet.of(run, TRIALS + HEALTHY);
  private final String release = "r-" + run.replace('_', '-') + "-" + NEW;
  private final AtomicLong sequence = new AtomicLong(1_000_000_000L);

  public static void main(String[] args) throws Exception {
    int exitCode = 1;
    try {
      new ReactionBenchmark().run();
      exitCode = 0;
    } finally {
      System.exit(exitCode); // the infrastructure's shutdown hook stops what it started
    }
  }

  private void run() throws Exception {
    infra.createTopics();
    Build build = Build.current();
    System.out.printf(Locale.ROOT, "reaction benchmark: %d trials, %d tenants (%d healthy), %d cores, load %.1f%n",
        TRIALS, fleet.tenants().size(), HEALTHY, Runtime.getRuntime().availableProcessors(), load());
    try (Tenantwave tenantwave = Tenantwave.launch(infra, build, users, Fleet.REGIONS,
        Fleet.REGIONS.stream().map(Fleet::clusterOf).toList(), EnumSet.of(Service.CATALOG, Service.ROLLOUT,
            Service.GATE));
         ReleaseTopics topics = new ReleaseTopics(infra.kafkaBootstrap(), serdes, release);
         SyntheticTraffic traffic = new SyntheticTraffic(infra, serdes, tenantIds(),
             tenant -> topics.versionOf(tenant, PREVIOUS), null, NEW)) {
      tenantwave.awaitHealthy(Duration.ofMinutes(3));
      Api catalog = tenantwave.api(Service.CATALOG);
      Api rollout = tenantwave.api(Service.ROLLOUT);
      CatalogSetup.topology(catalog, users, infra.postgres(), Fleet.REGIONS);
      CatalogSetup.importFleet(catalog, users, fleet);
      CatalogSetup.awaitPlanned(rollout, users, plan(), fleet.tenants().size());
      rollout.post("/api/v1/releases", plan(), "application/yaml", users.operator()).expect(201, "create");
      rollout.postJson("/api/v1/releases/" + release + "/start", Map.of("reason", "reaction benchmark"),
          users.operator()).expect(200, "start");
      awaitEveryTenantJudged(topics, tenantwave.gateApplicationId());
      System.out.printf(Locale.ROOT, "every tenant switched to %s and judged by the gate; load %.1f%n", NEW, load());

      List<Reaction> reactions = trials(topics, traffic);
      print("read by this JVM", reactions.stream().map(Reaction::readMillis).toList());
      print("record timestamp", reactions.stream().map(Reaction::timestampMillis).toList());
      System.out.printf(Locale.ROOT, "load average (1 min) at the end: %.1f%n", load());
    }
  }

  /** The first bad record's timestamp and when its tenant's switch-back was read, and stamped. */
  private record Reaction(long readMillis, long timestampMillis) {}

  private List<Reaction> trials(ReleaseTopics topics, SyntheticTraffic traffic) throws Exception {
    List<Reaction> reactions = new ArrayList<>();
    ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
    try (KafkaProducer<String, TenantRequestMetrics> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(), ProducerConfig.LINGER_MS_CONFIG, 0),
        new StringSerializer(), serdes.valueSerializer(Topics.TENANT_METRICS))) {
      List<Fleet.Tenant> tenants = fleet.tenants();
      for (int i = 0; i < TRIALS; i++) {
        String tenant = tenants.get(i).id();
        long windowStart = (System.currentTimeMillis() / 1000 + 2) * 1000;
        traffic.silence(tenant);
        for (int r = 0; r < BAD_RECORDS; r++) {
          long at = windowStart + r * BAD_RECORD_SPACING_MS;
          sender.schedule(() -> sendBad(producer, tenant, at), at - System.currentTimeMillis(),
              TimeUnit.MILLISECONDS);
        }
        ReleaseTopics.Arrival rollback = await("the switch-back of " + tenant).atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> topics.firstArrival(tenant, ReactionBenchmark::isSwitchBack).orElse(null),
                arrival -> arrival != null);
        Reaction reaction = new Reaction(rollback.readAtMillis() - windowStart,
            rollback.timestampMillis() - windowStart);
        System.out.printf(Locale.ROOT, "trial %2d: %s switched back to %s, read after %,d ms (record stamped after"
            + " %,d ms)%n", i + 1, tenant, rollback.state().getAppVersion(), reaction.readMillis(),
            reaction.timestampMillis());
        reactions.add(reaction);
      }
    } finally {
      sender.shutdownNow();
    }
    return reactions;
  }

  private static boolean isSwitchBack(TenantReleaseState state) {
    return state.getPhase() == ReleasePhase.ROLLBACK && PREVIOUS.equals(state.getAppVersion());
  }

  private void sendBad(KafkaProducer<String, TenantRequestMetrics> producer, String tenant, long at) {
    TenantRequestMetrics bad = SyntheticTraffic.metrics(tenant, NEW, Instant.ofEpochMilli(at),
        Instant.ofEpochMilli(at + BAD_RECORD_SPACING_MS), 10, 5, sequence.incrementAndGet());
    producer.send(new ProducerRecord<>(Topics.TENANT_METRICS.name(), null, at, tenant, bad));
    producer.flush();
  }

  /**
   * Waits until every tenant's last state is the switch to the new version and the gate has committed past every
   * tenant state, so that a trial's bad window is judged as the release's.
   */
  private void awaitEveryTenantJudged(ReleaseTopics topics, String gateGroup) throws Exception {
    await("every tenant switched").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
        .until(() -> fleet.tenants().stream().allMatch(t -> topics.lastStateOf(t.id())
            .filter(s -> NEW.equals(s.getAppVersion()) && s.getPhase() != ReleasePhase.ROLLBACK).isPresent()));
    try (Admin admin = infra.admin()) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < Topics.DEFAULT_PARTITIONS; p++) {
        latest.put(new TopicPartition(Topics.RELEASE_TENANT_STATE.name(), p), OffsetSpec.latest());
      }
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
      await("the gate past every tenant state").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
          .until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(gateGroup).partitionsToOffsetAndMetadata().get();
            return ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || (committed.get(e.getKey()) != null
                && committed.get(e.getKey()).offset() >= e.getValue()));
          });
    }
  }

  private List<String> tenantIds() {
    return fleet.tenants().stream().map(Fleet.Tenant::id).toList();
  }

  /**
   * One wave per region with all of the run's tenants, no migration set, the gate benchmark's spec (1 s windows, 50
   * requests at least, at most 5 % 5xx), no PASS for an hour.
   */
  private String plan() {
    StringBuilder regions = new StringBuilder();
    for (String region : Fleet.REGIONS) {
      regions.append("""
            - region: %1$s
              waves:
                - {name: everyone, cohort: {flags: {%2$s: true}}}
          """.formatted(region, fleet.flag()));
    }
    return """
        releaseId: %s
        appVersion: %s
        previousAppVersion: %s
        regionOrder: PARALLEL
        gates: {windowSeconds: 1, bakeSeconds: 3600, minRequests: 50, max5xxRate: 0.05}
        failurePolicy: {maxFailedTenantsPerWave: %d}
        regions:
        """.formatted(release, NEW, PREVIOUS, TRIALS + 1) + regions;
  }

  private static void print(String until, List<Long> millis) {
    List<Long> sorted = millis.stream().sorted().toList();
    System.out.printf(Locale.ROOT, "reaction, first bad record's timestamp -> switch-back %s, over %d trials: "
        + "p50 %,d ms, p99 %,d ms, max %,d ms (goal p99 <= 2,000 ms)%n", until, sorted.size(),
        percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.get(sorted.size() - 1));
  }

  private static long percentile(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
