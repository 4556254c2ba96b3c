package dev.tenantwave.rollout.console;

import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.GateWindow;
import dev.tenantwave.events.KafkaClientSecurity;
import dev.tenantwave.events.ReleaseStatus;
import dev.tenantwave.events.TenantMigrationProgress;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.Topic;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.rollout.console.ConsoleDelta.ProgressPoint;
import dev.tenantwave.rollout.console.ConsoleDelta.RegionChange;
import dev.tenantwave.rollout.console.ConsoleDelta.ReleaseChange;
import dev.tenantwave.rollout.console.ConsoleDelta.VerdictPoint;
import dev.tenantwave.rollout.console.ConsoleDelta.WindowPoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the console shows from the topics the orchestrator writes and reads — tenant states, release status,
 * verdicts, migration progress — and the gate's closed windows, on every partition, without a consumer group: each
 * orchestrator instance sees everything, whichever instance changed the release. It starts {@code history} back in
 * time, so a restarted instance has its tenants' recent windows and verdicts again, and hands each record on as a
 * {@link ConsoleDelta}. It only reads: a record it cannot decode is skipped (the orchestrator's own listener
 * dead-letters its inputs; nobody dead-letters the gate's windows).
 */
public final class ConsoleFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleFeed.class);
  public static final Duration DEFAULT_HISTORY = Duration.ofMinutes(30);
  private static final List<Topic<?>> TOPICS = List.of(Topics.RELEASE_TENANT_STATE, Topics.RELEASE_STATUS,
      Topics.GATE_VERDICTS, Topics.GATE_WINDOWS, Topics.MIGRATION_PROGRESS);

  private final String bootstrap;
  private final EventSerdes serdes;
  private final Duration history;
  private final TenantSignals signals;
  private final Consumer<ConsoleDelta> deltas;
  private final Clock clock;
  private final Map<String, Deserializer<? extends SpecificRecord>> deserializers = new HashMap<>();
  private volatile boolean running = true;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  public ConsoleFeed(String bootstrap, EventSerdes serdes, Duration history, TenantSignals signals,
      Consumer<ConsoleDelta> deltas, Clock clock) {
    this.bootstrap = bootstrap;
    this.serdes = serdes;
    this.history = history;
    this.signals = signals;
    this.deltas = deltas;
    this.clock = clock;
  }

  public void start() {
    for (Topic<?> topic : TOPICS) {
      deserializers.put(topic.name(), serdes.valueDeserializer(topic));
    }
    thread = new Thread(this::run, "console-feed");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(KafkaClientSecurity.with(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          ConsumerConfig.CLIENT_ID_CONFIG, "rollout-console-feed",
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
          ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50,
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new StringDeserializer(),
          new ByteArrayDeserializer())) {
        consumer = c;
        assignFromHistory(c);
        while (running) {
          for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
            handle(record);
          }
        }
      } catch (WakeupException closing) {
        return;
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("console feed stopped ({}); starting again in 2 s", e.toString());
          sleepQuietly();
        }
      }
    }
  }

  private void assignFromHistory(KafkaConsumer<String, byte[]> c) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (Topic<?> topic : TOPICS) {
      List<org.apache.kafka.common.PartitionInfo> found = c.partitionsFor(topic.name());
      if (found == null || found.isEmpty()) {
        throw new IllegalStateException("topic " + topic.name() + " does not exist yet");
      }
      found.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    c.assign(partitions);
    long from = clock.millis() - history.toMillis();
    Map<TopicPartition, Long> times = new HashMap<>();
    partitions.forEach(p -> times.put(p, from));
    Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(times);
    List<TopicPartition> atEnd = new ArrayList<>();
    offsets.forEach((p, offset) -> {
      if (offset == null) {
        atEnd.add(p);
      } else {
        c.seek(p, offset.offset());
      }
    });
    c.seekToEnd(atEnd);
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return;
    }
    SpecificRecord value;
    try {
      value = deserializers.get(record.topic()).deserialize(record.topic(), record.headers(), record.value());
    } catch (RuntimeException undecodable) {
      LOG.debug("console feed skips {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          undecodable.toString());
      return;
    }
    ConsoleDelta delta = toDelta(value);
    if (delta != null) {
      deltas.accept(delta);
    }
  }

  ConsoleDelta toDelta(SpecificRecord value) {
    if (value instanceof TenantReleaseState s) {
      GridState state = GridState.announced(s.getPhase().name(), s.getState().name());
      return state == null ? null
          : ConsoleDelta.tenant(s.getReleaseId(), s.getTenantId(), state, s.getPhase().name(), s.getVersion());
    }
    if (value instanceof GateVerdict v) {
      VerdictPoint point = new VerdictPoint(v.getOutcome().name(), v.getGate(), v.getReason(), v.getObserved(),
          v.getThreshold(), v.getBaseline(), v.getSamples(), v.getAppVersion(), v.getWindowStart().toEpochMilli(),
          v.getWindowEnd().toEpochMilli(), v.getDecidedAt().toEpochMilli());
      signals.noteVerdict(v.getReleaseId(), v.getTenantId(), point);
      return ConsoleDelta.verdict(v.getReleaseId(), v.getTenantId(), point);
    }
    if (value instanceof GateWindow w) {
      if (!w.getJudgedVersion()) {
        return null; // traffic another version still served after the switch: the charts show the new version
      }
      WindowPoint point = new WindowPoint(w.getWindowEnd().toEpochMilli(), w.getRequests(), w.getRate5xx(),
          w.getP95Millis(), w.getP99Millis(), w.getBaselineRate5xx(), w.getBaselineP95Millis());
      return signals.noteWindow(w.getReleaseId(), w.getTenantId(), point)
          ? ConsoleDelta.window(w.getReleaseId(), w.getTenantId(), point) : null;
    }
    if (value instanceof TenantMigrationProgress p) {
      ProgressPoint point = new ProgressPoint(p.getPhase().name(), p.getState().name(), p.getRowsDone(),
          p.getRowsTotal(), p.getRowsPerSecond(), p.getDurationMillis(), p.getAttempt(), p.getError(),
          p.getAt().toEpochMilli());
      signals.noteProgress(p.getReleaseId(), p.getTenantId(), point);
      return ConsoleDelta.progress(p.getReleaseId(), p.getTenantId(), point);
    }
    if (value instanceof ReleaseStatus r) {
      return ConsoleDelta.release(r.getReleaseId(), new ReleaseChange(r.getState().name(), r.getVersion(),
          new TreeMap<>(r.getTenantCounts()), r.getRegions().stream().map(g -> new RegionChange(g.getRegion(),
              g.getCurrentWave(), g.getTotalWaves(), g.getState())).toList(), r.getUpdatedAt().toEpochMilli()));
    }
    return null;
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      thread.join(5_000);
    }
  }
}
