package dev.tenantwave.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantwave.demo.fleet.Fleet;
import dev.tenantwave.demo.rest.Users;
import dev.tenantwave.e2e.Tenantwave.Service;
import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.MigrationPhase;
import dev.tenantwave.events.TenantMigrationProgress;
import dev.tenantwave.events.TenantMigrationRequested;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.VerdictOutcome;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.TestInfra;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * How fast a migration worker or an orchestrator killed with kill -9 resumes when started again under the same
 * instance id (each its own process from its jar, as {@code ./tw up} runs it). Not a test; run it on purpose:
 * {@code e2e-tests/bench.sh RestartBenchmark [trials]}.
 *
 * <p>Each trial kills the service with SIGKILL once it has processed a first input, starts it again at once and
 * sends it a new input: for the worker a command for a tenant the catalog does not know (it answers FAILED on
 * {@code migration.progress.v1}), for the orchestrator a verdict of a release it does not know (its inbox records the
 * event id in the input's transaction). Printed, from the new process's start: when {@code /health} first answers,
 * when it first shows partitions, and when the new input was processed.
 */
public final class RestartBenchmark {

  private static final int TRIALS = Integer.getInteger("tw.bench.trials", 3);
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final String RELEASE = "r-restart-bench";

  private final TestInfra infra = TestInfra.get();
  private final EventSerdes serdes = EventSerdes.forRegistry(infra.registryUrl());
  private final Set<UUID> answered = new HashSet<>();

  public static void main(String[] args) {
    int exitCode = 1;
    try {
      new RestartBenchmark().run();
      exitCode = 0;
    } catch (RuntimeException | Error e) {
      e.printStackTrace();
    } finally {
      System.exit(exitCode); // the infrastructure's shutdown hook stops what it started
    }
  }

  /** Milliseconds from the new process's start; -1 when not seen. */
  private record Resumed(long listening, long partitions, long processed) {}

  private void run() {
    infra.createTopics();
    System.out.printf(Locale.ROOT, "restart benchmark: %d trials per service, %d cores, load %.1f%n", TRIALS,
        Runtime.getRuntime().availableProcessors(), load());
    Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(),
        ProducerConfig.LINGER_MS_CONFIG, 0);
    try (Tenantwave tenantwave = Tenantwave.launch(infra, Build.current(), Users.random(), List.of("eu-west"),
        List.of(Fleet.clusterOf("eu-west")), EnumSet.of(Service.MIGRATION, Service.ROLLOUT));
         KafkaProducer<String, TenantMigrationRequested> commands = new KafkaProducer<>(producerConfig,
             new StringSerializer(), serdes.valueSerde(Topics.MIGRATION_COMMANDS).serializer());
         KafkaProducer<String, GateVerdict> verdicts = new KafkaProducer<>(producerConfig,
             new StringSerializer(), serdes.valueSerde(Topics.GATE_VERDICTS).serializer());
         KafkaConsumer<String, TenantMigrationProgress> progress = progressConsumer()) {
      tenantwave.awaitHealthy(TIMEOUT);
      for (Service service : List.of(Service.MIGRATION, Service.ROLLOUT)) {
        List<Resumed> trials = new ArrayList<>();
        for (int trial = 1; trial <= TRIALS; trial++) {
          Supplier<UUID> input = service == Service.MIGRATION ? () -> sendCommand(commands) : () -> sendVerdict(verdicts);
          Processed processed = service == Service.MIGRATION ? id -> answered(progress, id)
              : id -> inInbox(tenantwave.databaseUrl(Service.ROLLOUT), id);
          UUID warmUp = input.get();
          awaitResumed(tenantwave, service, warmUp, processed, System.nanoTime()); // steady state before the kill

          tenantwave.kill(service);
          long started = System.nanoTime();
          tenantwave.relaunch(service);
          Resumed resumed = awaitResumed(tenantwave, service, input.get(), processed, started);
          trials.add(resumed);
          System.out.printf(Locale.ROOT, "kill -9 %s, trial %d: /health answers after %,d ms, shows partitions after"
                  + " %,d ms, the new input processed after %,d ms (load %.1f)%n", service.module, trial,
              resumed.listening(), resumed.partitions(), resumed.processed(), load());
        }
        System.out.printf(Locale.ROOT, "%s: to partitions in /health median %,d ms, max %,d ms; to the new input"
                + " processed median %,d ms, max %,d ms%n", service.module,
            median(trials, Resumed::partitions), max(trials, Resumed::partitions),
            median(trials, Resumed::processed), max(trials, Resumed::processed));
      }
      System.out.printf(Locale.ROOT, "load average (1 min) at the end: %.1f%n", load());
    }
  }

  private interface Processed {
    boolean test(UUID eventId) throws Exception;
  }

  /** Checks every 50 ms until {@code /health} shows partitions and the input was processed. */
  private Resumed awaitResumed(Tenantwave tenantwave, Service service, UUID input, Processed processed, long started) {
    String component = service == Service.MIGRATION ? "migrationCommands" : "releaseInputs";
    long[] seen = {-1, -1, -1}; // listening, partitions, processed
    String[] lastHealth = {"none"};
    try {
      await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
        try {
          JsonNode health = tenantwave.api(service).get("/health", null).json();
          lastHealth[0] = health.toString();
          seen[0] = seen[0] < 0 ? millisSince(started) : seen[0];
          if (seen[1] < 0 && health.path("details").path(component).path("details").path("assignedPartitions")
              .asInt() > 0) {
            seen[1] = millisSince(started);
          }
        } catch (UncheckedIOException notListeningYet) {
          // the JVM is still starting
        }
        if (seen[2] < 0 && processed.test(input)) {
          seen[2] = millisSince(started);
        }
        return seen[1] >= 0 && seen[2] >= 0;
      });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(service.module + " did not resume within " + TIMEOUT + " (ms to listening,"
          + " partitions, processed: " + Arrays.toString(seen) + "; last /health " + lastHealth[0] + "):\n"
          + tenantwave.logTails(30), e);
    }
    return new Resumed(seen[0], seen[1], seen[2]);
  }

  private static UUID sendCommand(KafkaProducer<String, TenantMigrationRequested> producer) {
    UUID id = UUID.randomUUID();
    String tenant = "restart-bench-" + id.toString().substring(0, 8); // unknown to the catalog: answered FAILED
    producer.send(new ProducerRecord<>(Topics.MIGRATION_COMMANDS.name(), tenant, TenantMigrationRequested.newBuilder()
        .setEventId(id).setSequence(1).setReleaseId(RELEASE).setTenantId(tenant).setMigrationSet("none")
        .setPhase(MigrationPhase.EXPAND).setAttempt(1).setRequestedAt(Instant.now()).build()));
    producer.flush();
    return id;
  }

  private static UUID sendVerdict(KafkaProducer<String, GateVerdict> producer) {
    UUID id = UUID.randomUUID();
    String tenant = "restart-bench-" + id.toString().substring(0, 8);
    Instant now = Instant.now();
    producer.send(new ProducerRecord<>(Topics.GATE_VERDICTS.name(), tenant, GateVerdict.newBuilder()
        .setEventId(id).setSequence(1).setTenantId(tenant).setReleaseId(RELEASE).setAppVersion("2.4.0")
        .setGate("error-rate").setOutcome(VerdictOutcome.PASS).setReason("restart benchmark").setSamples(0)
        .setWindowStart(now).setWindowEnd(now).setDecidedAt(now).build()));
    producer.flush();
    return id;
  }

  private KafkaConsumer<String, TenantMigrationProgress> progressConsumer() {
    KafkaConsumer<String, TenantMigrationProgress> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        EventSerdes.keySerde().deserializer(), serdes.valueSerde(Topics.MIGRATION_PROGRESS).deserializer());
    List<TopicPartition> partitions = IntStream.range(0, Topics.MIGRATION_PROGRESS.partitions())
        .mapToObj(p -> new TopicPartition(Topics.MIGRATION_PROGRESS.name(), p)).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolves the end now, before any input is sent
    return consumer;
  }

  private boolean answered(KafkaConsumer<String, TenantMigrationProgress> consumer, UUID command) {
    consumer.poll(Duration.ofMillis(20)).forEach(r -> answered.add(r.value().getCommandId()));
    return answered.contains(command);
  }

  private boolean inInbox(String databaseUrl, UUID eventId) throws Exception {
    try (Connection connection = DriverManager.getConnection(databaseUrl, infra.postgres().user(),
        infra.postgres().password());
         PreparedStatement query = connection.prepareStatement("SELECT 1 FROM processed_events WHERE event_id = ?")) {
      query.setObject(1, eventId);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static long millisSince(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
  }

  private static long median(List<Resumed> trials, ToLongFunction<Resumed> value) {
    return trials.stream().mapToLong(value).sorted().skip(trials.size() / 2).findFirst().orElse(-1);
  }

  private static long max(List<Resumed> trials, ToLongFunction<Resumed> value) {
    return trials.stream().mapToLong(value).max().orElse(-1);
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
