package dev.tenantwave.migration.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.MigrationPhase;
import dev.tenantwave.events.MigrationState;
import dev.tenantwave.events.TenantMigrationProgress;
import dev.tenantwave.events.TenantMigrationRequested;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.migration.backfill.BackfillSettings;
import dev.tenantwave.migration.database.ConnectionPools;
import dev.tenantwave.migration.database.JdbcPhaseRunner;
import dev.tenantwave.migration.database.Timeouts;
import dev.tenantwave.migration.run.FleetLimits;
import dev.tenantwave.migration.run.MigrationWorker;
import dev.tenantwave.migration.set.MigrationSetLoader;
import dev.tenantwave.migration.tenancy.InMemoryTenantDirectory;
import dev.tenantwave.migration.tenancy.Residency;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import dev.tenantwave.migration.testing.CrmFleet;
import dev.tenantwave.migration.testing.Pg;
import dev.tenantwave.migration.testing.WorkerHarness;
import dev.tenantwave.service.dlq.DeadLetterRouter;
import dev.tenantwave.service.dlq.DecodingGuard;
import dev.tenantwave.testsupport.TestInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The command consumer with a real broker, registry and PostgreSQL: a command counts as done (inbox row, committed
 * offset) only once the broker has acknowledged its final progress, and a record that is not a command addressed to
 * its tenant goes to the DLQ with the reason while the next command runs.
 */
class CommandConsumerIT {

  private static final TestInfra INFRA = TestInfra.get();
  private static final EventSerdes SERDES = EventSerdes.forRegistry(INFRA.registryUrl());

  private static List<TenantPlacement> tenants;
  private static JdbcInbox inbox;
  private static ConnectionPools pools;

  private String topic;
  private String group;
  private Admin admin;
  private KafkaProducer<String, byte[]> commands;

  @BeforeAll
  static void fleetAndInbox() {
    INFRA.createTopics();
    tenants = CrmFleet.pooled(Pg.uniqueId("commands"), TestInfra.uniqueId("cc").replace('_', '-'), 4, 10);
    pools = CrmFleet.pools(4);
    PGSimpleDataSource database = new PGSimpleDataSource();
    database.setUrl(INFRA.postgres().createDatabase(TestInfra.uniqueId("tw_migration")));
    database.setUser(Pg.user());
    database.setPassword(Pg.password());
    Flyway.configure().dataSource(database).load().migrate();
    inbox = new JdbcInbox(database, Topics.MIGRATION_COMMANDS.name());
  }

  @AfterAll
  static void closePools() {
    pools.close();
  }

  @BeforeEach
  void commandTopic() throws Exception {
    topic = TestInfra.uniqueId("commands");
    group = TestInfra.uniqueId("worker");
    admin = INFRA.admin();
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1), new NewTopic(topic + ".dlq", 1, (short) 1)))
        .all().get();
    commands = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap()),
        new StringSerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void close() {
    commands.close();
    admin.close();
  }

  @Test
  void shouldCountACommandDoneOnlyOnceTheBrokerHasAcknowledgedItsAnswer() throws Exception {
    TenantPlacement tenant = tenants.get(0);
    TenantMigrationRequested expand = command(tenant, MigrationPhase.EXPAND);
    UnacknowledgedFinals producer = new UnacknowledgedFinals();

    try (WorkerProcess ignored = new WorkerProcess(producer)) {
      send(tenant.tenantId(), expand);
      await().atMost(Duration.ofSeconds(60))
          .until(() -> producer.unacknowledged.get() >= 3 || inbox.seen(expand.getEventId()));

      assertThat(inbox.seen(expand.getEventId()))
          .as("the command is in the inbox although the broker never acknowledged its answer").isFalse();
      assertThat(committedOffset()).as("the offset is committed past the unanswered command").isLessThan(1);

      producer.acknowledging.set(true);
      await().atMost(Duration.ofSeconds(30)).until(() -> inbox.seen(expand.getEventId()) && committedOffset() == 1);
    }

    List<TenantMigrationProgress> answers = progressUntilFinal(expand);
    assertThat(answers).extracting(TenantMigrationProgress::getState)
        .containsExactly(MigrationState.STARTED, MigrationState.SUCCEEDED);
    TenantMigrationProgress succeeded = answers.get(1);
    assertThat(succeeded.getTenantId()).isEqualTo(tenant.tenantId());
    assertThat(succeeded.getReleaseId()).isEqualTo(expand.getReleaseId());
    assertThat(succeeded.getMigrationSet()).isEqualTo(CrmFleet.DEAL_STAGES);
    assertThat(succeeded.getPhase()).isEqualTo(MigrationPhase.EXPAND);
    assertThat(succeeded.getAttempt()).isEqualTo(1);
    assertThat(succeeded.getError()).isNull();
    assertThat(succeeded.getChecksum()).startsWith("sha256:");
  }

  @Test
  void shouldAnnounceTheAnswerAfterARestartWhenTheWorkerStoppedBeforeTheBrokerAcknowledgedIt() throws Exception {
    TenantPlacement tenant = tenants.get(1);
    TenantMigrationRequested expand = command(tenant, MigrationPhase.EXPAND);

    UnacknowledgedFinals unanswered = new UnacknowledgedFinals();
    try (WorkerProcess first = new WorkerProcess(unanswered)) {
      send(tenant.tenantId(), expand);
      await().atMost(Duration.ofSeconds(60))
          .until(() -> unanswered.unacknowledged.get() >= 2 || inbox.seen(expand.getEventId()));
      first.worker.close(); // stops while its answer is still unacknowledged; the consumer closes after it
    }
    assertThat(inbox.seen(expand.getEventId())).as("a stopped worker recorded an unanswered command").isFalse();
    assertThat(committedOffset()).as("a stopped worker committed past an unanswered command").isLessThan(1);

    UnacknowledgedFinals answered = new UnacknowledgedFinals();
    answered.acknowledging.set(true);
    try (WorkerProcess ignored = new WorkerProcess(answered)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> inbox.seen(expand.getEventId()) && committedOffset() == 1);
    }
    assertThat(progressUntilFinal(expand)).extracting(TenantMigrationProgress::getState)
        .containsExactly(MigrationState.STARTED, MigrationState.SUCCEEDED);
  }

  @Test
  void shouldDeadLetterRecordsWithoutKeyOrValueOrForAnotherTenantAndRunTheNextCommand() throws Exception {
    TenantPlacement tenant = tenants.get(2);
    TenantMigrationRequested keyless = command(tenant, MigrationPhase.EXPAND);
    TenantMigrationRequested misaddressed = command(tenant, MigrationPhase.EXPAND);
    TenantMigrationRequested good = command(tenant, MigrationPhase.EXPAND);
    UnacknowledgedFinals producer = new UnacknowledgedFinals();
    producer.acknowledging.set(true);

    try (WorkerProcess ignored = new WorkerProcess(producer)) {
      send(null, keyless);
      commands.send(new ProducerRecord<>(topic, tenant.tenantId(), null)).get();
      send(tenants.get(0).tenantId(), misaddressed);
      send(tenant.tenantId(), good);
      await().atMost(Duration.ofSeconds(60)).until(() -> inbox.seen(good.getEventId()));
    }

    List<ConsumerRecord<String, byte[]>> deadLetters = deadLetters(3);
    assertThat(deadLetters).extracting(r -> header(r, DeadLetterRouter.SOURCE_OFFSET)).containsExactly("0", "1", "2");
    assertThat(deadLetters.get(0).key()).isNull();
    assertThat(header(deadLetters.get(0), DeadLetterRouter.REASON)).startsWith("no key");
    assertThat(deadLetters.get(1).value()).isNull();
    assertThat(header(deadLetters.get(1), DeadLetterRouter.REASON)).startsWith("no value");
    assertThat(header(deadLetters.get(2), DeadLetterRouter.REASON))
        .isEqualTo("key '" + tenants.get(0).tenantId() + "' is not the command's tenant '" + tenant.tenantId() + "'");

    // the tenant's progress is one partition, in order: what came before the good command's answer is all there is
    assertThat(progressUntilFinal(good)).extracting(TenantMigrationProgress::getState)
        .endsWith(MigrationState.SUCCEEDED);
    assertThat(progressOfTenant(tenant)).extracting(TenantMigrationProgress::getCommandId)
        .doesNotContain(keyless.getEventId(), misaddressed.getEventId());
    assertThat(inbox.seen(keyless.getEventId()) || inbox.seen(misaddressed.getEventId())).isFalse();
  }

  /**
   * A restarted worker gets its partitions back at once, while its catalog view is still reading the topic: a
   * command taken then would be refused as "unknown tenant" and its tenant rolled back.
   */
  @Test
  void shouldTakeNoCommandBeforeItsDirectoryHasReadTheWholeCatalog() throws Exception {
    TenantPlacement tenant = tenants.get(3);
    TenantMigrationRequested expand = command(tenant, MigrationPhase.EXPAND);
    UnacknowledgedFinals producer = new UnacknowledgedFinals();
    producer.acknowledging.set(true);
    InMemoryTenantDirectory directory = InMemoryTenantDirectory.loading();

    try (WorkerProcess worker = new WorkerProcess(producer, directory)) {
      send(tenant.tenantId(), expand);
      await("no partition and no answer while the directory loads").during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> worker.consumer.assignedPartitions() == 0 && progressOfTenant(tenant).isEmpty());

      directory.put(tenant);
      directory.loaded();
      await().atMost(Duration.ofSeconds(60)).until(() -> inbox.seen(expand.getEventId()));
    }
    assertThat(progressUntilFinal(expand)).extracting(TenantMigrationProgress::getState)
        .containsExactly(MigrationState.STARTED, MigrationState.SUCCEEDED);
  }

  /** One worker as the factory wires it, on this test's command topic, its progress going out through producer. */
  private final class WorkerProcess implements AutoCloseable {

    final JdbcPhaseRunner runner;
    final MigrationWorker worker;
    final KafkaProgressPublisher publisher;
    final DeadLetterRouter deadLetters;
    final CommandConsumer consumer;

    WorkerProcess(KafkaProducer<String, TenantMigrationProgress> producer) {
      this(producer, filled());
    }

    WorkerProcess(KafkaProducer<String, TenantMigrationProgress> producer, InMemoryTenantDirectory directory) {
      runner = new JdbcPhaseRunner(pools, directory, Timeouts.DEFAULT, WorkerHarness.FAST_RETRY,
          BackfillSettings.DEFAULT);
      publisher = new KafkaProgressPublisher(producer);
      worker = new MigrationWorker(directory, new Residency(Set.of(CrmFleet.REGION)),
          MigrationSetLoader.classpath()::load, runner, publisher, FleetLimits.of(2, 2));
      deadLetters = new DeadLetterRouter(new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap()), new ByteArraySerializer(),
          new ByteArraySerializer()));
      consumer = new CommandConsumer(new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap(),
          ConsumerConfig.GROUP_ID_CONFIG, group,
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer()),
          topic, new DecodingGuard<>(SERDES.valueDeserializer(Topics.MIGRATION_COMMANDS), deadLetters), worker, inbox);
      consumer.start();
    }

    private static InMemoryTenantDirectory filled() {
      InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
      tenants.forEach(directory::put);
      return directory;
    }

    @Override
    public void close() {
      consumer.close();
      worker.close();
      runner.close();
      publisher.close();
      deadLetters.close();
    }
  }

  /**
   * The real producer with the worker's settings, except that until {@link #acknowledging} is set the broker never
   * acknowledges a final progress: its send fails as a delivery timeout does, and the record never reaches the topic.
   */
  private static final class UnacknowledgedFinals extends KafkaProducer<String, TenantMigrationProgress> {

    final AtomicBoolean acknowledging = new AtomicBoolean();
    final AtomicInteger unacknowledged = new AtomicInteger();

    UnacknowledgedFinals() {
      super(KafkaProgressPublisher.producerSettings(INFRA.kafkaBootstrap()), new StringSerializer(),
          SERDES.valueSerializer(Topics.MIGRATION_PROGRESS));
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<String, TenantMigrationProgress> record, Callback callback) {
      MigrationState state = record.value().getState();
      if (!acknowledging.get() && (state == MigrationState.SUCCEEDED || state == MigrationState.FAILED)) {
        unacknowledged.incrementAndGet();
        TimeoutException expired = new TimeoutException("Expiring 1 record(s) for " + record.topic()
            + ": 120000 ms has passed since batch creation");
        callback.onCompletion(null, expired);
        return CompletableFuture.failedFuture(expired);
      }
      return super.send(record, callback);
    }
  }

  private static TenantMigrationRequested command(TenantPlacement tenant, MigrationPhase phase) {
    return TenantMigrationRequested.newBuilder().setEventId(UUID.randomUUID()).setSequence(1).setReleaseId("rel-ack")
        .setTenantId(tenant.tenantId()).setMigrationSet(CrmFleet.DEAL_STAGES).setPhase(phase).setAttempt(1)
        .setRequestedAt(Instant.now()).build();
  }

  private void send(String key, TenantMigrationRequested command) throws Exception {
    byte[] value = SERDES.valueSerializer(Topics.MIGRATION_COMMANDS).serialize(Topics.MIGRATION_COMMANDS.name(),
        command);
    commands.send(new ProducerRecord<>(topic, key, value)).get();
  }

  private long committedOffset() throws Exception {
    OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
        .get(new TopicPartition(topic, 0));
    return committed == null ? -1 : committed.offset();
  }

  /** The command's progress on the real topic, in order, read until its final state. */
  private static List<TenantMigrationProgress> progressUntilFinal(TenantMigrationRequested command) {
    List<TenantMigrationProgress> progress = new ArrayList<>();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      progress.clear();
      readProgress(p -> p.getCommandId().equals(command.getEventId()), progress);
      return progress.stream().anyMatch(p -> p.getState() == MigrationState.SUCCEEDED
          || p.getState() == MigrationState.FAILED);
    });
    return progress;
  }

  private static List<TenantMigrationProgress> progressOfTenant(TenantPlacement tenant) {
    List<TenantMigrationProgress> progress = new ArrayList<>();
    readProgress(p -> p.getTenantId().equals(tenant.tenantId()), progress);
    return progress;
  }

  /** Everything on the progress topic up to its end now, filtered. */
  private static void readProgress(java.util.function.Predicate<TenantMigrationProgress> filter,
      List<TenantMigrationProgress> into) {
    try (KafkaConsumer<String, TenantMigrationProgress> reader = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
        SERDES.valueDeserializer(Topics.MIGRATION_PROGRESS))) {
      List<TopicPartition> partitions = reader.partitionsFor(Topics.MIGRATION_PROGRESS.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
        reader.poll(Duration.ofMillis(200)).forEach(r -> {
          if (filter.test(r.value())) {
            into.add(r.value());
          }
        });
      }
    }
  }

  private List<ConsumerRecord<String, byte[]>> deadLetters(int expected) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap()), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      TopicPartition dlq = new TopicPartition(topic + ".dlq", 0);
      reader.assign(List.of(dlq));
      reader.seekToBeginning(List.of(dlq));
      await().alias(expected + " dead letters on " + dlq).atMost(Duration.ofSeconds(30)).until(() -> {
        reader.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= expected;
      });
    }
    return records;
  }

  private static String header(ConsumerRecord<?, ?> record, String key) {
    Header header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
