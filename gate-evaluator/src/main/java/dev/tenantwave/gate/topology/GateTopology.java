package dev.tenantwave.gate.topology;

import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.GateWindow;
import dev.tenantwave.events.LatencySketchLayout;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topics;
import dev.tenantwave.gate.judging.GateRules;
import dev.tenantwave.gate.judging.RequestTotals;
import dev.tenantwave.gate.judging.WindowTotals;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Judges every tenant on its own request metrics, as they arrive, and publishes a {@link GateVerdict} when the
 * verdict changes, and a {@link GateWindow} with the measures of each closed window of a judged tenant (for charts).
 *
 * <p>Rules (see {@link GateRules}): per tenant and tumbling window (the release's {@code windowSeconds}, else
 * {@link GateConfig#window()}; late records within {@link GateConfig#grace()} still count, later ones are counted and
 * dropped):
 * <ul>
 *   <li>FAIL as soon as a window on the new version has at least {@code minRequests} requests and a 5xx rate,
 *       timeout rate, p95 or p99 above its maximum;</li>
 *   <li>FAIL when, over its closed windows on the new version, the tenant's server error rate or p95 is worse than
 *       {@code factor} times its own baseline (its metrics on the previous version before the switch) and a
 *       one-sided binomial test at the spec's confidence says it is not noise;</li>
 *   <li>PASS when the bake time since the switch is over with at least {@code minRequests} requests and no breach,
 *       INCONCLUSIVE when it is over with fewer.</li>
 * </ul>
 * A tenant is judged while its {@code release.tenant-state.v1} phase is SWITCH, MIGRATE or BAKE; metrics of every
 * other tenant only build baselines: they are added straight to the tenant's totals on their version (no window,
 * as nothing judges it; late records are dropped all the same). Undecodable or invalid records go to the topic's
 * {@code .dlq} with the reason in {@code tw.dlq.*} headers, and so do records stamped more than
 * {@link GateConfig#maxClockSkew()} ahead of the wall clock, without moving stream time ({@link EventTimeGuard}). The
 * gate's clock is stream time, never ahead of the wall clock: windows close and bakes end by it. A tenant is judged on
 * the partition Kafka's default partitioner gives its id ({@link TenantPartitioner}), where its release state is; a
 * metric its publisher put on another partition is brought there through a repartition topic
 * ({@link MetricsAdmission}).
 */
public final class GateTopology {

  public static final String METRICS_SOURCE = "tenant-metrics-source";
  public static final String ADMIT_METRICS = "admit-metrics";
  /**
   * The repartition that brings a metric its publisher put on another partition to its tenant's: Streams names the
   * internal topic {@code <application.id>-gate-metrics-by-tenant-repartition}, and its nodes after it.
   */
  public static final String METRICS_BY_TENANT = "gate-metrics-by-tenant";
  static final String REROUTE_METRICS = METRICS_BY_TENANT + "-repartition-filter";
  static final String REROUTED_METRICS_SOURCE = METRICS_BY_TENANT + "-repartition-source";
  public static final String METRICS_DEAD_LETTERS = "tenant-metrics-dead-letters";
  public static final String RELEASE_STATE_SOURCE = "release-tenant-state-source";
  public static final String RELEASE_STATE_DEAD_LETTERS = "release-tenant-state-dead-letters";
  public static final String JUDGE = "judge-tenants";
  public static final String VERDICTS_SINK = "gate-verdicts-sink";
  public static final String WINDOWS_SINK = "gate-windows-sink";

  public static final String OPEN_WINDOWS_STORE = "gate-open-windows";
  public static final String VERSION_TOTALS_STORE = "gate-version-totals";
  public static final String RELEASE_STATES_STORE = "gate-release-states";
  public static final String LAST_VERDICTS_STORE = "gate-last-verdicts";

  private GateTopology() {}

  /**
   * The gate's topology.
   *
   * @param wallClock the clock metric timestamps are checked against ({@code System::currentTimeMillis}; the stream
   *     threads' own clock, which wall-clock punctuations and the judge read, must tell the same time)
   */
  public static Topology buildTopology(GateConfig config, LongSupplier wallClock,
      Serde<TenantRequestMetrics> metricsSerde, Serde<TenantReleaseState> releaseStateSerde,
      Serde<GateVerdict> verdictSerde, Serde<GateWindow> windowSerde) {
    // The repartition is the one step the Processor API cannot declare (Streams creates, sizes and purges the
    // internal topic), so the metrics' first steps are built with the DSL, and the judge joins them by node name.
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Topics.TENANT_METRICS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
            .withTimestampExtractor(new EventTimeGuard(config.maxClockSkew().toMillis(), wallClock))
            .withName(METRICS_SOURCE))
        .process(() -> new MetricsAdmission(config), Named.as(ADMIT_METRICS))
        .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName(METRICS_BY_TENANT)
            .withNumberOfPartitions(config.tenantPartitions()).withStreamPartitioner(new TenantPartitioner()));
    Topology topology = builder.build();
    requireNodes(topology, REROUTE_METRICS, REROUTED_METRICS_SOURCE);

    topology.addSource(RELEASE_STATE_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
        Topics.RELEASE_TENANT_STATE.name());
    // The judge decodes its input itself: a decoding processor in front of it cost a forward per record.
    topology.addProcessor(JUDGE, () -> new TenantJudge(config,
        new DecodeOrDeadLetter<>(metricsSerde.deserializer(), (key, metrics) -> invalidMetrics(config, key, metrics),
            false, METRICS_DEAD_LETTERS),
        new DecodeOrDeadLetter<>(releaseStateSerde.deserializer(), GateTopology::invalidReleaseState, true,
            RELEASE_STATE_DEAD_LETTERS)), ADMIT_METRICS, REROUTED_METRICS_SOURCE, RELEASE_STATE_SOURCE);
    topology.addSink(METRICS_DEAD_LETTERS, Topics.TENANT_METRICS.deadLetterTopic(), Serdes.String().serializer(),
        Serdes.ByteArray().serializer(), ADMIT_METRICS, JUDGE);
    topology.addSink(RELEASE_STATE_DEAD_LETTERS, Topics.RELEASE_TENANT_STATE.deadLetterTopic(),
        Serdes.String().serializer(), Serdes.ByteArray().serializer(), JUDGE);

    Serde<WindowTotals> totals = new WindowTotalsSerde();
    topology.addStateStore(store(OPEN_WINDOWS_STORE, totals), JUDGE);
    topology.addStateStore(store(VERSION_TOTALS_STORE, totals), JUDGE);
    topology.addStateStore(store(RELEASE_STATES_STORE,
        new AvroStateSerde<>(TenantReleaseState.getEncoder(), TenantReleaseState.getDecoder())), JUDGE);
    topology.addStateStore(store(LAST_VERDICTS_STORE,
        new AvroStateSerde<>(GateVerdict.getEncoder(), GateVerdict.getDecoder())), JUDGE);

    topology.addSink(VERDICTS_SINK, Topics.GATE_VERDICTS.name(), Serdes.String().serializer(),
        verdictSerde.serializer(), JUDGE);
    topology.addSink(WINDOWS_SINK, Topics.GATE_WINDOWS.name(), Serdes.String().serializer(),
        windowSerde.serializer(), JUDGE);
    return topology;
  }

  /** Whether the judge read a record from the repartition topic (a metric its publisher put on another partition). */
  static boolean isRepartitionTopic(String topic) {
    return topic.endsWith(METRICS_BY_TENANT + "-repartition");
  }

  private static void requireNodes(Topology topology, String... names) {
    Set<String> nodes = new HashSet<>();
    topology.describe().subtopologies().forEach(sub -> sub.nodes().forEach(node -> nodes.add(node.name())));
    for (String name : names) {
      if (!nodes.contains(name)) {
        throw new IllegalStateException("Kafka Streams named the repartition's nodes " + nodes + ", not " + name);
      }
    }
  }

  /**
   * In-memory stores backed by compacted changelogs (the state is small: open windows and per-tenant totals, and
   * RocksDB would flush its memtable at every exactly-once commit), behind a write-behind layer that serializes a
   * key written many times between two commits once, at the commit.
   */
  private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> valueSerde) {
    return new WriteBehindStoreBuilder<>(Stores.inMemoryKeyValueStore(name), Serdes.String(), valueSerde);
  }

  private static String invalidMetrics(GateConfig config, String key, TenantRequestMetrics metrics) {
    if (!key.equals(metrics.getTenantId())) {
      return "key '" + key + "' is not the tenantId '" + metrics.getTenantId() + "'";
    }
    if (!LatencySketchLayout.sameAccuracy(metrics.getLatency().getRelativeAccuracy(), config.relativeAccuracy())) {
      return "latency sketch has relative accuracy " + metrics.getLatency().getRelativeAccuracy()
          + ", the gate merges sketches of " + config.relativeAccuracy() + " only";
    }
    return RequestTotals.invalidReason(metrics);
  }

  private static String invalidReleaseState(String key, TenantReleaseState state) {
    if (!key.equals(state.getTenantId())) {
      return "key '" + key + "' is not the tenantId '" + state.getTenantId() + "'";
    }
    if (state.getGates().getWindowSeconds() < 1 || state.getGates().getBakeSeconds() < 0) {
      return "gates.windowSeconds must be positive and gates.bakeSeconds not negative";
    }
    return null;
  }
}
