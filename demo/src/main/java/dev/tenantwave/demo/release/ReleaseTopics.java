package dev.tenantwave.demo.release;

import dev.tenantwave.events.CohortPromotionRequested;
import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.ReleaseStatus;
import dev.tenantwave.events.TenantMigrationRequested;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.KafkaClientSecurity;
import dev.tenantwave.events.Topic;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the orchestrator and the gate published about one release, read as any consumer outside them reads the topics
 * ({@code read_committed}, Avro through the registry): cohort promotions, migration commands, tenant states, the
 * release's status and the gate's verdicts. A {@link Listener} hears each of them as it arrives.
 */
public final class ReleaseTopics implements AutoCloseable {

  private static final List<Topic<?>> TOPICS = List.of(Topics.ROLLOUT_PROMOTIONS, Topics.MIGRATION_COMMANDS,
      Topics.RELEASE_TENANT_STATE, Topics.RELEASE_STATUS, Topics.GATE_VERDICTS);

  /** Hears the release's records in the order this reader gets them, on its thread. */
  public interface Listener {
    default void onState(TenantReleaseState state) {}

    default void onVerdict(GateVerdict verdict) {}

    default void onStatus(ReleaseStatus status) {}
  }

  /** Where reading starts: every record the topics hold, or only those written from now on. */
  public enum From { BEGINNING, NOW }

  private final String releaseId;
  private final Listener listener;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, Deserializer<? extends SpecificRecord>> deserializers = new ConcurrentHashMap<>();
  private final List<CohortPromotionRequested> promotions = new CopyOnWriteArrayList<>();
  private final List<TenantMigrationRequested> commands = new CopyOnWriteArrayList<>();
  private final List<TenantReleaseState> states = new CopyOnWriteArrayList<>();
  private final List<GateVerdict> verdicts = new CopyOnWriteArrayList<>();
  private final Map<String, TenantReleaseState> lastStates = new ConcurrentHashMap<>();
  private final Map<String, List<Arrival>> arrivals = new ConcurrentHashMap<>();
  private volatile ReleaseStatus lastStatus;
  private final Thread reader;
  private volatile boolean running = true;

  /** A tenant state as this reader got it: when it was read (wall clock) and the record's timestamp. */
  public record Arrival(TenantReleaseState state, long readAtMillis, long timestampMillis) {}

  public ReleaseTopics(String kafkaBootstrap, EventSerdes serdes, String releaseId) {
    this(kafkaBootstrap, serdes, releaseId, From.BEGINNING, new Listener() {});
  }

  /** Starts reading at once; with {@link From#NOW}, every record written after this constructor returns is read. */
  public ReleaseTopics(String kafkaBootstrap, EventSerdes serdes, String releaseId, From from, Listener listener) {
    this.releaseId = releaseId;
    this.listener = listener;
    for (Topic<?> topic : TOPICS) {
      deserializers.put(topic.name(), serdes.valueDeserializer(topic));
    }
    this.consumer = new KafkaConsumer<>(KafkaClientSecurity.with(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
        new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (Topic<?> topic : TOPICS) {
      consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    if (from == From.NOW) {
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // the seek is lazy: resolve it before anything is written
    } else {
      consumer.seekToBeginning(partitions);
    }
    this.reader = new Thread(this::read, "release-topics-" + releaseId);
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    while (running) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        if (record.value() != null) {
          long readAt = System.currentTimeMillis();
          record(deserializers.get(record.topic()).deserialize(record.topic(), record.value()), readAt,
              record.timestamp());
        }
      }
    }
    consumer.close(Duration.ofSeconds(5));
  }

  private void record(SpecificRecord value, long readAt, long timestamp) {
    if (value instanceof CohortPromotionRequested promotion && promotion.getReleaseId().equals(releaseId)) {
      promotions.add(promotion);
    } else if (value instanceof TenantMigrationRequested command && command.getReleaseId().equals(releaseId)) {
      commands.add(command);
    } else if (value instanceof TenantReleaseState state && state.getReleaseId().equals(releaseId)) {
      states.add(state);
      arrivals.computeIfAbsent(state.getTenantId(), t -> new CopyOnWriteArrayList<>())
          .add(new Arrival(state, readAt, timestamp));
      lastStates.merge(state.getTenantId(), state, (a, b) -> b.getVersion() >= a.getVersion() ? b : a);
      listener.onState(state);
    } else if (value instanceof GateVerdict verdict && verdict.getReleaseId().equals(releaseId)) {
      verdicts.add(verdict);
      listener.onVerdict(verdict);
    } else if (value instanceof ReleaseStatus status && status.getReleaseId().equals(releaseId)) {
      if (lastStatus == null || status.getVersion() >= lastStatus.getVersion()) {
        lastStatus = status;
        listener.onStatus(status);
      }
    }
  }

  public List<CohortPromotionRequested> promotions() {
    return List.copyOf(promotions);
  }

  public List<TenantMigrationRequested> commands() {
    return List.copyOf(commands);
  }

  public List<TenantReleaseState> states() {
    return List.copyOf(states);
  }

  public List<GateVerdict> verdicts() {
    return List.copyOf(verdicts);
  }

  public Optional<ReleaseStatus> lastStatus() {
    return Optional.ofNullable(lastStatus);
  }

  /** The phases of the migration commands sent for the tenant, in order. */
  public List<String> commandPhasesOf(String tenantId) {
    return commands.stream().filter(c -> c.getTenantId().equals(tenantId)).map(c -> c.getPhase().name()).toList();
  }

  /** The first state of the tenant that matches, with when it arrived. */
  public Optional<Arrival> firstArrival(String tenantId, Predicate<TenantReleaseState> matching) {
    return arrivals.getOrDefault(tenantId, List.of()).stream().filter(a -> matching.test(a.state())).findFirst();
  }

  public Optional<TenantReleaseState> lastStateOf(String tenantId) {
    return Optional.ofNullable(lastStates.get(tenantId));
  }

  /** The version routers send the tenant to: its last state's, or {@code before} until the release reaches it. */
  public String versionOf(String tenantId, String before) {
    TenantReleaseState last = lastStates.get(tenantId);
    return last == null ? before : last.getAppVersion();
  }

  /**
   * The version routers send the tenant to when they switch it as the orchestrator says: the new one from its switch
   * (phase SWITCH and after), the previous one while it is only being expanded and again once it is switched back.
   */
  public String routedVersionOf(String tenantId, String before) {
    TenantReleaseState last = lastStates.get(tenantId);
    if (last == null || last.getPhase() == ReleasePhase.PENDING || last.getPhase() == ReleasePhase.EXPAND) {
      return before;
    }
    return last.getAppVersion();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    reader.join(10_000);
  }
}
