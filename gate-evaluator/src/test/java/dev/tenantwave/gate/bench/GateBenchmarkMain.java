package dev.tenantwave.gate.bench;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.tenantwave.events.GateSpec;
import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.LatencySketchLayout;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.VerdictOutcome;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.gate.Crc32Partitioner;
import dev.tenantwave.gate.judging.LatencySketches;
import dev.tenantwave.gate.streams.GateSettings;
import dev.tenantwave.gate.streams.GateStreamsFactory;
import dev.tenantwave.gate.topology.GateTopology;
import dev.tenantwave.gate.topology.GateEvents;
import dev.tenantwave.testsupport.TestInfra;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Benchmark of the gate evaluator on the real broker and registry of {@link TestInfra} (started here, or the
 * {@code TW_*} endpoints). Not a test; run it on purpose:
 * <pre>
 *   mvn -B -ntp -pl gate-evaluator -am -Pgate-bench -DskipTests -DskipITs verify
 * </pre>
 * <ol>
 *   <li>Throughput: {@code gate.bench.records} metric records (default 1,000,000) of {@code gate.bench.tenants}
 *       tenants (10,000; one in ten in a release) are produced first; then a plain consumer reads and decodes
 *       them, then the gate topology with exactly-once v2 processes them; both rates in records per second.</li>
 *   <li>Reaction: 50 trials; in each, a fresh tenant on 1 s windows publishes a bad window as 10 records 100 ms
 *       apart; the time from sending its first record to reading the FAIL on {@code gate.verdicts.v1}.</li>
 * </ol>
 * Metrics are published with Kafka's default partitioner, or with {@code -Dgate.bench.partitioner=crc32} as
 * librdkafka does: then most records are on another partition than their tenant's, and the gate brings them there
 * through its repartition topic.
 */
public final class GateBenchmarkMain {

  private static final int RECORDS = Integer.getInteger("gate.bench.records", 1_000_000);
  private static final int TENANTS = Integer.getInteger("gate.bench.tenants", 10_000);
  private static final int THREADS = Integer.getInteger("gate.bench.threads", 1);
  private static final int TRIALS = Integer.getInteger("gate.bench.trials", 50);
  private static final boolean CRC32 = "crc32".equals(System.getProperty("gate.bench.partitioner", ""));
  private static final String STREAMS_OVERRIDE = "gate.bench.streams.";
  /** Requests in one publisher interval of one tenant on one instance (10 s at 5 requests/s). */
  private static final int REQUESTS_PER_RECORD = Integer.getInteger("gate.bench.requests", 50);
  /** Spread of the log-normal latencies: sigma 0.4 puts p99 at 2.5x the median. */
  private static final double LATENCY_SIGMA = Double.parseDouble(System.getProperty("gate.bench.sigma", "0.4"));

  private static final java.lang.management.ThreadMXBean THREADS_MX =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private final TestInfra infra = TestInfra.get();
  private double recordBytes;
  private final EventSerdes serdes = EventSerdes.forRegistry(infra.registryUrl());

  public static void main(String[] args) throws Exception {
    new GateBenchmarkMain().run();
    System.exit(0);
  }

  private void run() throws Exception {
    infra.createTopics();
    System.out.printf(Locale.ROOT, "gate benchmark: %,d records, %,d tenants, %d stream thread(s), %d cores, "
        + "metrics partitioned by %s%n", RECORDS, TENANTS, THREADS, Runtime.getRuntime().availableProcessors(),
        CRC32 ? "CRC32 (librdkafka)" : "murmur2 (Kafka's Java default)");
    printLoad("start");
    long base = System.currentTimeMillis() - (long) RECORDS / TENANTS * 1000 - 60_000;
    long start = System.nanoTime();
    produceWorkload(base);
    System.out.printf(Locale.ROOT, "produced in %.1f s%n", seconds(start));

    long target;
    try (Admin admin = infra.admin()) {
      target = endOffsets(admin, Topics.TENANT_METRICS.name());
    }
    double plainBefore = plainConsumerRate(target);
    System.out.printf(Locale.ROOT, "plain consumer (read + decode), before: %,.0f records/s, %.1f MB/s%n",
        plainBefore, plainBefore * recordBytes / 1e6);

    String applicationId = TestInfra.uniqueId("tw_gate_bench");
    GateSettings settings = new GateSettings();
    settings.setApplicationId(applicationId);
    settings.setStreamThreads(THREADS);
    settings.setCommitInterval(Duration.ofMillis(Long.getLong("gate.bench.commit.ms",
        settings.getCommitInterval().toMillis())));
    settings.setStateDir(Files.createTempDirectory("gate-bench").toString());
    java.util.Properties properties = GateStreamsFactory.properties(settings, infra.kafkaBootstrap());
    // Experiments: -Dgate.bench.jvmArg=-Dgate.bench.streams.producer.batch.size=262144 overrides a Streams setting.
    // Several at once: -Dgate.bench.jvmArg=-Dgate.bench.streams=producer.linger.ms=20,producer.batch.size=262144
    Map<String, String> overrides = new java.util.TreeMap<>();
    System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(STREAMS_OVERRIDE))
        .forEach(name -> overrides.put(name.substring(STREAMS_OVERRIDE.length()), System.getProperty(name)));
    for (String pair : System.getProperty("gate.bench.streams", "").split(",")) {
      if (pair.contains("=")) {
        overrides.put(pair.substring(0, pair.indexOf('=')).strip(), pair.substring(pair.indexOf('=') + 1).strip());
      }
    }
    properties.putAll(overrides);
    System.out.printf(Locale.ROOT, "streams: commit.interval.ms %s, overrides %s%n",
        properties.get("commit.interval.ms"), overrides);
    try (KafkaStreams streams = GateStreamsFactory.create(GateStreamsFactory.topology(settings, serdes),
        properties)) {
      streams.start();
      double eos = streamsRate(applicationId, target);
      printCommitLatency(streams);
      printLoad("after the gate run");
      double plainAfter = plainConsumerRate(target);
      double plain = (plainBefore + plainAfter) / 2;
      System.out.printf(Locale.ROOT, "plain consumer (read + decode), after: %,.0f records/s, %.1f MB/s%n",
          plainAfter, plainAfter * recordBytes / 1e6);
      System.out.printf(Locale.ROOT,
          "gate topology, exactly_once_v2: %,.0f records/s, %.1f MB/s (%.0f %% of the plain consumer's mean)%n",
          eos, eos * recordBytes / 1e6, 100 * eos / plain);
      try (Admin admin = infra.admin()) {
        long windows = endOffsets(admin, applicationId + "-" + GateTopology.OPEN_WINDOWS_STORE + "-changelog");
        long totals = endOffsets(admin, applicationId + "-" + GateTopology.VERSION_TOTALS_STORE + "-changelog");
        System.out.printf(Locale.ROOT, "changelogs (incl. transaction markers): open windows %,d, version totals %,d "
            + "for %,d metric records = %.2f per record%n", windows, totals, target,
            (double) (windows + totals) / target);
      }
      List<Long> reactions = reactionTrials(applicationId);
      System.out.printf(Locale.ROOT, "reaction over %d trials (1 s windows): p50 %d ms, p99 %d ms, max %d ms%n",
          reactions.size(), percentile(reactions, 0.50), percentile(reactions, 0.99),
          reactions.get(reactions.size() - 1));
      streams.close(Duration.ofSeconds(30));
    }
  }

  private void produceWorkload(long base) throws Exception {
    GateSpec spec = GateEvents.specBuilder().setBakeSeconds(86_400).build();
    try (KafkaProducer<String, TenantReleaseState> states = new KafkaProducer<>(producerConfig(),
        new StringSerializer(), serdes.valueSerializer(Topics.RELEASE_TENANT_STATE))) {
      for (int t = 0; t < TENANTS; t += 10) {
        states.send(new ProducerRecord<>(Topics.RELEASE_TENANT_STATE.name(), null, base - 1000, tenant(t),
            GateEvents.switched(tenant(t), "r-bench", "v2", "v1", base - 1000, spec)));
      }
    }
    var serializer = serdes.valueSerializer(Topics.TENANT_METRICS);
    Random random = new Random(42);
    byte[][] payloads = new byte[TENANTS][];
    long bins = 0;
    long bytes = 0;
    for (int t = 0; t < TENANTS; t++) {
      DDSketch latency = LatencySketches.newSketch(LatencySketchLayout.DEFAULT_RELATIVE_ACCURACY);
      for (int i = 0; i < REQUESTS_PER_RECORD; i++) {
        latency.accept(Math.exp(Math.log(40) + LATENCY_SIGMA * random.nextGaussian()));
      }
      TenantRequestMetrics m = GateEvents.metrics(tenant(t), t % 10 == 0 ? "v2" : "v1", base, REQUESTS_PER_RECORD,
          1, 0, latency);
      payloads[t] = serializer.serialize(Topics.TENANT_METRICS.name(), m);
      bins += m.getLatency().getIndexes().size();
      bytes += payloads[t].length + tenant(t).length();
    }
    recordBytes = (double) bytes / TENANTS;
    System.out.printf(Locale.ROOT, "metric record: %.0f bytes (key + value) on average, %.1f latency bins on average "
        + "(%d requests, log-normal latencies around 40 ms, sigma %.2f)%n", recordBytes, (double) bins / TENANTS,
        REQUESTS_PER_RECORD, LATENCY_SIGMA);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(metricsProducerConfig(),
        new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        int t = i % TENANTS;
        long timestamp = base + (long) (i / TENANTS) * 1000;
        producer.send(new ProducerRecord<>(Topics.TENANT_METRICS.name(), null, timestamp, tenant(t), payloads[t]));
      }
    }
  }

  private double plainConsumerRate(long target) {
    Deserializer<TenantRequestMetrics> deserializer = serdes.valueDeserializer(Topics.TENANT_METRICS);
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueId("gate_bench_plain"));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.TENANT_METRICS.name()));
      long count = 0;
      long first = 0;
      long requests = 0;
      long cpuStart = THREADS_MX.getCurrentThreadCpuTime();
      long brokerStart = brokerCpuNanos();
      while (count < target) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (first == 0) {
            first = System.nanoTime();
          }
          requests += deserializer.deserialize(r.topic(), r.headers(), r.value()).getRequests();
          count++;
        }
      }
      if (requests == 0) {
        throw new IllegalStateException("decoded nothing");
      }
      double elapsed = seconds(first);
      System.out.printf(Locale.ROOT, "  plain consumer thread on CPU %.1f s of %.1f s (%.1f µs per record), "
          + "broker %.1f µs per record%n", (THREADS_MX.getCurrentThreadCpuTime() - cpuStart) / 1e9, elapsed,
          (THREADS_MX.getCurrentThreadCpuTime() - cpuStart) / 1e3 / count,
          (brokerCpuNanos() - brokerStart) / 1e3 / count);
      return count / elapsed;
    }
  }

  /**
   * Records per second between the first commit of the gate's consumer group and the one by which it has judged
   * every record: read all of them, and all it brought to other partitions through its repartition topic.
   */
  private double streamsRate(String groupId, long target) throws Exception {
    String rerouted = groupId + "-" + GateTopology.METRICS_BY_TENANT + "-repartition";
    try (Admin admin = infra.admin()) {
      long firstAt = 0;
      long firstCommitted = 0;
      long cpuStart = 0;
      long brokerStart = 0;
      while (true) {
        long committed = committed(admin, groupId, Topics.TENANT_METRICS.name());
        if (committed > 0 && firstAt == 0) {
          firstAt = System.nanoTime();
          firstCommitted = committed;
          cpuStart = streamThreadsCpu();
          brokerStart = brokerCpuNanos();
        }
        if (committed >= target && committedToEnd(admin, groupId, rerouted)) {
          double elapsed = seconds(firstAt);
          System.out.printf(Locale.ROOT, "  repartition topic: %,d offsets (records and transaction markers)%n",
              endOffsets(admin, rerouted));
          double cpu = (streamThreadsCpu() - cpuStart) / 1e9;
          System.out.printf(Locale.ROOT, "  stream thread(s) on CPU %.1f s of %.1f s (%.1f µs per record), "
              + "broker %.1f µs per record%n", cpu, elapsed, cpu * 1e6 / (committed - firstCommitted),
              (brokerCpuNanos() - brokerStart) / 1e3 / (committed - firstCommitted));
          return (committed - firstCommitted) / elapsed;
        }
        TimeUnit.MILLISECONDS.sleep(50);
      }
    }
  }

  private List<Long> reactionTrials(String groupId) throws Exception {
    GateSpec spec = GateEvents.specBuilder().setWindowSeconds(1).setBakeSeconds(86_400).build();
    String run = TestInfra.uniqueId("react").replace('_', '-');
    try (KafkaProducer<String, TenantReleaseState> states = new KafkaProducer<>(producerConfig(),
        new StringSerializer(), serdes.valueSerializer(Topics.RELEASE_TENANT_STATE))) {
      long now = System.currentTimeMillis();
      for (int i = 0; i < TRIALS; i++) {
        String tenant = run + "-" + i;
        states.send(new ProducerRecord<>(Topics.RELEASE_TENANT_STATE.name(), null, now, tenant,
            GateEvents.switched(tenant, "r-react", "v2", "v1", now, spec)));
      }
    }
    try (Admin admin = infra.admin()) {
      long end = endOffsets(admin, Topics.RELEASE_TENANT_STATE.name());
      while (committed(admin, groupId, Topics.RELEASE_TENANT_STATE.name()) < end) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
    }
    Map<String, Object> consumerConfig = new HashMap<>();
    consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueId("gate_bench_verdicts"));
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<Long> reactions = new ArrayList<>();
    try (KafkaProducer<String, TenantRequestMetrics> metrics = new KafkaProducer<>(metricsProducerConfig(),
        new StringSerializer(), serdes.valueSerializer(Topics.TENANT_METRICS));
         KafkaConsumer<String, GateVerdict> verdicts = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
             serdes.valueDeserializer(Topics.GATE_VERDICTS))) {
      verdicts.subscribe(List.of(Topics.GATE_VERDICTS.name()));
      while (verdicts.assignment().isEmpty()) {
        verdicts.poll(Duration.ofMillis(100));
      }
      for (int i = 0; i < TRIALS; i++) {
        String tenant = run + "-" + i;
        long windowStart = (System.currentTimeMillis() / 1000 + 1) * 1000;
        TimeUnit.MILLISECONDS.sleep(windowStart - System.currentTimeMillis()); // the bad window starts on time
        long firstSent = System.nanoTime();
        int sent = 0;
        Long reaction = null;
        while (reaction == null) {
          if (sent < 10 && System.nanoTime() - firstSent >= sent * 100_000_000L) {
            metrics.send(new ProducerRecord<>(Topics.TENANT_METRICS.name(), null, windowStart + sent * 100L, tenant,
                GateEvents.metrics(tenant, "v2", windowStart + sent * 100L, 10, 5, 0, 35.0)));
            metrics.flush();
            sent++;
          }
          for (ConsumerRecord<String, GateVerdict> r : verdicts.poll(Duration.ofMillis(5))) {
            if (r.key().equals(tenant) && r.value().getOutcome() == VerdictOutcome.FAIL) {
              reaction = (System.nanoTime() - firstSent) / 1_000_000;
            }
          }
          if (System.nanoTime() - firstSent > 30_000_000_000L) {
            throw new IllegalStateException("no FAIL for " + tenant + " within 30 s");
          }
        }
        reactions.add(reaction);
      }
    }
    reactions.sort(Long::compare);
    return reactions;
  }

  private long committed(Admin admin, String groupId, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset()).sum();
  }

  /** Whether the group has committed each partition of {@code topic} up to its last record (a marker may follow). */
  private boolean committedToEnd(Admin admin, String groupId, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < Topics.DEFAULT_PARTITIONS; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    for (var end : admin.listOffsets(latest).all().get().entrySet()) {
      OffsetAndMetadata committed = offsets.get(end.getKey());
      if (end.getValue().offset() > 0 && (committed == null || committed.offset() < end.getValue().offset() - 1)) {
        return false;
      }
    }
    return true;
  }

  private long endOffsets(Admin admin, String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < Topics.DEFAULT_PARTITIONS; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
  }

  private Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return config;
  }

  /** A metrics publisher's producer: Kafka's default partitioner, or CRC32 with {@code gate.bench.partitioner}. */
  private Map<String, Object> metricsProducerConfig() {
    Map<String, Object> config = producerConfig();
    if (CRC32) {
      config.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, Crc32Partitioner.class.getName());
    }
    return config;
  }

  /** CPU time of the broker this JVM started (0 when it uses an outside one through {@code TW_*}), from /proc. */
  private static long brokerCpuNanos() {
    return ProcessHandle.current().descendants().mapToLong(p -> {
      try {
        String cmdline = Files.readString(java.nio.file.Path.of("/proc", Long.toString(p.pid()), "cmdline"));
        if (!cmdline.contains("kafka.Kafka")) {
          return 0;
        }
        String stat = Files.readString(java.nio.file.Path.of("/proc", Long.toString(p.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L; // utime + stime, 100 Hz
      } catch (java.io.IOException | RuntimeException e) {
        return 0;
      }
    }).sum();
  }

  private static long streamThreadsCpu() {
    long total = 0;
    for (java.lang.management.ThreadInfo info : THREADS_MX.getThreadInfo(THREADS_MX.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("-StreamThread-")
          && !info.getThreadName().contains("producer")) {
        total += Math.max(0, THREADS_MX.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  /** How long the stream thread's commits took (Streams' thread metrics, over their last 30 s window). */
  private static void printCommitLatency(KafkaStreams streams) {
    Map<String, Double> values = new java.util.TreeMap<>();
    streams.metrics().forEach((name, metric) -> {
      if (name.group().equals("stream-thread-metrics") && name.name().startsWith("commit-latency-")
          && metric.metricValue() instanceof Double value) {
        values.merge(name.name(), value, Double::sum);
      }
    });
    System.out.printf(Locale.ROOT, "  commit latency avg %.0f ms, max %.0f ms%n",
        values.getOrDefault("commit-latency-avg", Double.NaN), values.getOrDefault("commit-latency-max", Double.NaN));
  }

  private static void printLoad(String when) {
    System.out.printf(Locale.ROOT, "load average (1 min) %s: %.1f%n", when,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static String tenant(int t) {
    return "bench-" + t;
  }

  private static long percentile(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
