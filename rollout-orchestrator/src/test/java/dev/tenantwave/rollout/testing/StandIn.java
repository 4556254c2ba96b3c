package dev.tenantwave.rollout.testing;

import dev.tenantwave.events.CohortPromotionRequested;
import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.GateWindow;
import dev.tenantwave.events.MigrationState;
import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.ReleaseStatus;
import dev.tenantwave.events.TenantMigrationProgress;
import dev.tenantwave.events.TenantMigrationRequested;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRolloutState;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.VerdictOutcome;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.TestInfra;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stands in for the migration worker and the gate evaluator on the real topics: answers every migration command
 * with SUCCEEDED at once, PASSes every tenant as soon as it bakes and FAILs the given bad tenants as soon as they
 * switch; publishes the gate windows a test asks for. It records what the orchestrator published, for assertions from the topics.
 */
public final class StandIn implements AutoCloseable {

  private final TestInfra infra;
  private final EventSerdes serdes;
  private final String tenantPrefix;
  private final Set<String> bad;
  private final KafkaProducer<String, byte[]> producer;
  private final AtomicLong sequence = new AtomicLong();
  private final Thread thread;
  private final java.util.concurrent.ScheduledExecutorService later =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
  private volatile boolean running = true;
  /** Tenants whose first command goes unanswered, as if the worker lost it. */
  private final Set<String> silentOnce = ConcurrentHashMap.newKeySet();
  /** Tenants whose commands take this long, with RUNNING progress every 500 ms until then. */
  private final Map<String, Duration> slow = new ConcurrentHashMap<>();
  private final Set<String> endless = ConcurrentHashMap.newKeySet();

  public final List<TenantMigrationRequested> commands = new CopyOnWriteArrayList<>();
  public final List<TenantReleaseState> tenantStates = new CopyOnWriteArrayList<>();
  public final List<CohortPromotionRequested> promotions = new CopyOnWriteArrayList<>();
  public final Map<String, ReleaseStatus> statuses = new ConcurrentHashMap<>();
  /** When the first switch-back of each bad tenant was read. */
  public final Map<String, Instant> switchedBackAt = new ConcurrentHashMap<>();

  public StandIn(TestInfra infra, String tenantPrefix, Set<String> bad) {
    this.infra = infra;
    this.serdes = EventSerdes.forRegistry(infra.registryUrl());
    this.tenantPrefix = tenantPrefix;
    this.bad = bad;
    this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(),
        ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    this.thread = new Thread(this::run, "stand-in-worker-and-gate");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Serializers and deserializers are made once per topic: each caches the schema ids it has seen. */
  private final Map<String, Serializer<SpecificRecord>> serializers = new ConcurrentHashMap<>();
  private final Map<String, Deserializer<? extends SpecificRecord>> deserializers = new ConcurrentHashMap<>();

  @SuppressWarnings("unchecked")
  public void send(String topic, String key, SpecificRecord value) {
    Serializer<SpecificRecord> serializer = serializers.computeIfAbsent(topic,
        t -> (Serializer<SpecificRecord>) serdes.valueSerializer(Topics.byName(t)));
    producer.send(new ProducerRecord<>(topic, key, serializer.serialize(topic, value)));
  }

  private SpecificRecord decode(ConsumerRecord<String, byte[]> record) {
    return deserializers.computeIfAbsent(record.topic(), t -> serdes.valueDeserializer(Topics.byName(t)))
        .deserialize(record.topic(), record.value());
  }

  public StandIn silentOnce(String tenantId) {
    silentOnce.add(tenantId);
    return this;
  }

  public StandIn slow(String tenantId, Duration duration) {
    slow.put(tenantId, duration);
    return this;
  }

  /** The tenant's backfill (MIGRATE) never ends: RUNNING progress with rows every 500 ms, so it stays judged. */
  public StandIn endlessBackfill(String tenantId) {
    endless.add(tenantId);
    return this;
  }

  public void flush() {
    producer.flush();
  }

  private void run() {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueId("stand-in"),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.MIGRATION_COMMANDS.name(), Topics.RELEASE_TENANT_STATE.name(),
          Topics.ROLLOUT_PROMOTIONS.name(), Topics.RELEASE_STATUS.name()));
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          if (record.value() == null) {
            continue;
          }
          SpecificRecord value = decode(record);
          if (value instanceof TenantMigrationRequested command && command.getTenantId().startsWith(tenantPrefix)) {
            commands.add(command);
            answer(command);
          } else if (value instanceof TenantReleaseState state && state.getTenantId().startsWith(tenantPrefix)) {
            tenantStates.add(state);
            if (state.getPhase() == ReleasePhase.ROLLBACK) {
              switchedBackAt.putIfAbsent(state.getTenantId(), Instant.now());
            }
            judge(state);
          } else if (value instanceof CohortPromotionRequested promotion) {
            promotions.add(promotion);
          } else if (value instanceof ReleaseStatus status) {
            statuses.put(status.getReleaseId(), status);
          }
        }
      }
    }
  }

  private void answer(TenantMigrationRequested command) {
    if (silentOnce.remove(command.getTenantId())) {
      return;
    }
    if (endless.contains(command.getTenantId()) && command.getPhase() == dev.tenantwave.events.MigrationPhase.MIGRATE) {
      AtomicLong rows = new AtomicLong();
      later.scheduleAtFixedRate(() -> send(Topics.MIGRATION_PROGRESS.name(), command.getTenantId(),
          progressOf(command, MigrationState.RUNNING).setRowsDone(rows.addAndGet(500)).setRowsTotal(1_000_000L)
              .setRowsPerSecond(1_000.0).build()), 0, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
      return;
    }
    Duration takes = slow.get(command.getTenantId());
    if (takes != null) {
      for (long at = 0; at < takes.toMillis(); at += 500) {
        later.schedule(() -> progress(command, MigrationState.RUNNING), at, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
      later.schedule(() -> progress(command, MigrationState.SUCCEEDED), takes.toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
      return;
    }
    progress(command, MigrationState.SUCCEEDED);
  }

  private void progress(TenantMigrationRequested command, MigrationState state) {
    send(Topics.MIGRATION_PROGRESS.name(), command.getTenantId(), progressOf(command, state).build());
  }

  private TenantMigrationProgress.Builder progressOf(TenantMigrationRequested command, MigrationState state) {
    return TenantMigrationProgress.newBuilder()
        .setEventId(UUID.randomUUID()).setSequence(sequence.incrementAndGet()).setCommandId(command.getEventId())
        .setReleaseId(command.getReleaseId()).setTenantId(command.getTenantId())
        .setMigrationSet(command.getMigrationSet()).setPhase(command.getPhase()).setState(state)
        .setAttempt(command.getAttempt()).setAt(Instant.now());
  }

  private void judge(TenantReleaseState state) {
    if (state.getState() != TenantRolloutState.IN_PROGRESS) {
      return;
    }
    boolean isBad = bad.contains(state.getTenantId());
    VerdictOutcome outcome;
    if (isBad && state.getPhase() == ReleasePhase.SWITCH) {
      outcome = VerdictOutcome.FAIL;
    } else if (!isBad && state.getPhase() == ReleasePhase.BAKE) {
      outcome = VerdictOutcome.PASS;
    } else {
      return;
    }
    Instant now = Instant.now();
    send(Topics.GATE_VERDICTS.name(), state.getTenantId(), GateVerdict.newBuilder()
        .setEventId(UUID.randomUUID()).setSequence(sequence.incrementAndGet()).setTenantId(state.getTenantId())
        .setReleaseId(state.getReleaseId()).setAppVersion(state.getAppVersion()).setWave(state.getWave())
        .setGate(isBad ? "5xx-rate" : "bake").setOutcome(outcome)
        .setReason(isBad ? "5xx rate 0.5 > 0.05" : "no breach during the bake").setObserved(isBad ? 0.5 : null)
        .setThreshold(isBad ? 0.05 : null).setBaseline(isBad ? 0.01 : null).setSamples(100)
        .setWindowStart(now.minusSeconds(10)).setWindowEnd(now).setDecidedAt(now).build());
  }

  /**
   * Publishes one closed gate window of a judged tenant as the gate does: {@code rate5xx} of 200 requests, p95 and
   * p99 growing with it, against a baseline of 1 % 5xx and 110 ms p95.
   */
  public void gateWindow(String releaseId, String tenantId, String appVersion, Instant end, Duration length,
      double rate5xx) {
    send(Topics.GATE_WINDOWS.name(), tenantId, GateWindow.newBuilder()
        .setEventId(UUID.randomUUID()).setSequence(end.toEpochMilli()).setTenantId(tenantId).setReleaseId(releaseId)
        .setAppVersion(appVersion).setJudgedVersion(true).setWindowStart(end.minus(length)).setWindowEnd(end)
        .setRequests(200).setRate5xx(rate5xx).setTimeoutRate(0.0).setP95Millis(120 + 400 * rate5xx)
        .setP99Millis(180 + 800 * rate5xx).setBaselineRate5xx(0.01).setBaselineTimeoutRate(0.0)
        .setBaselineP95Millis(110.0).setBaselineP99Millis(170.0).setMax5xxRate(0.1).setMaxP95Millis(null).build());
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    later.shutdownNow();
    thread.join(5_000);
    producer.close();
  }
}
