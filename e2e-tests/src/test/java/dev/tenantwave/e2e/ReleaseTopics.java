package dev.tenantwave.e2e;

import dev.tenantwave.events.CohortPromotionRequested;
import dev.tenantwave.events.TenantMigrationRequested;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.Topic;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.TestInfra;
import java.time.Duration;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the orchestrator published about one release, read as any consumer outside it reads the topics
 * ({@code read_committed}, Avro through the registry): cohort promotions, migration commands and tenant states.
 */
final class ReleaseTopics implements AutoCloseable {

  private static final List<Topic<?>> TOPICS = List.of(Topics.ROLLOUT_PROMOTIONS, Topics.MIGRATION_COMMANDS,
      Topics.RELEASE_TENANT_STATE);

  private final String releaseId;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, Deserializer<? extends SpecificRecord>> deserializers = new ConcurrentHashMap<>();
  private final List<CohortPromotionRequested> promotions = new CopyOnWriteArrayList<>();
  private final List<TenantMigrationRequested> commands = new CopyOnWriteArrayList<>();
  private final List<TenantReleaseState> states = new CopyOnWriteArrayList<>();
  private final Map<String, TenantReleaseState> lastStates = new ConcurrentHashMap<>();
  private final Map<String, List<Arrival>> arrivals = new ConcurrentHashMap<>();
  private final Thread reader;
  private volatile boolean running = true;

  /** A tenant state as this reader got it: when it was read (wall clock) and the record's timestamp. */
  record Arrival(TenantReleaseState state, long readAtMillis, long timestampMillis) {}

  ReleaseTopics(TestInfra infra, EventSerdes serdes, String releaseId) {
    this.releaseId = releaseId;
    for (Topic<?> topic : TOPICS) {
      deserializers.put(topic.name(), serdes.valueDeserializer(topic));
    }
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueId("e2e-release-topics"),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(TOPICS.stream().map(Topic::name).toList());
    this.reader = new Thread(this::read, "e2e-release-topics");
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
    }
  }

  List<CohortPromotionRequested> promotions() {
    return List.copyOf(promotions);
  }

  List<TenantMigrationRequested> commands() {
    return List.copyOf(commands);
  }

  List<TenantReleaseState> states() {
    return List.copyOf(states);
  }

  /** The phases of the migration commands sent for the tenant, in order. */
  List<String> commandPhasesOf(String tenantId) {
    return commands.stream().filter(c -> c.getTenantId().equals(tenantId)).map(c -> c.getPhase().name()).toList();
  }

  /** The first state of the tenant that matches, with when it arrived. */
  Optional<Arrival> firstArrival(String tenantId, Predicate<TenantReleaseState> matching) {
    return arrivals.getOrDefault(tenantId, List.of()).stream().filter(a -> matching.test(a.state())).findFirst();
  }

  Optional<TenantReleaseState> lastStateOf(String tenantId) {
    return Optional.ofNullable(lastStates.get(tenantId));
  }

  /** The version routers send the tenant to: its last state's, or {@code before} until the release reaches it. */
  String versionOf(String tenantId, String before) {
    TenantReleaseState last = lastStates.get(tenantId);
    return last == null ? before : last.getAppVersion();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    reader.join(10_000);
  }
}
