package dev.tenantwave.migration.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.TenantMigrationRequested;
import dev.tenantwave.events.Topics;
import dev.tenantwave.migration.run.FleetLimits;
import dev.tenantwave.migration.run.MigrationWorker;
import dev.tenantwave.migration.run.Progress;
import dev.tenantwave.migration.tenancy.InMemoryTenantDirectory;
import dev.tenantwave.migration.tenancy.Residency;
import dev.tenantwave.service.dlq.DeadLetterRouter;
import dev.tenantwave.service.dlq.DecodingGuard;
import dev.tenantwave.testsupport.SampleEvents;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import dev.tenantwave.testsupport.TestInfra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/**
 * Given a schema registry that is out of reach for the first decoding attempts, when commands arrive, then none is
 * dead-lettered or skipped: the partition waits at the first of them and every command is handled once the
 * registry answers again.
 */
class CommandConsumerRegistryOutageIT {

  private static final TestInfra INFRA = TestInfra.get();

  @Test
  void shouldWaitForTheRegistryInsteadOfDeadLetteringCommands() throws Exception {
    String topic = TestInfra.uniqueId("commands");
    try (Admin admin = INFRA.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1), new NewTopic(topic + ".dlq", 1, (short) 1)))
          .all().get();
    }
    AtomicInteger unreachableAttempts = new AtomicInteger(2);
    Map<String, TenantMigrationRequested> commandsByKey = new HashMap<>();
    Deserializer<TenantMigrationRequested> flakyRegistry = (ignoredTopic, bytes) -> {
      if (unreachableAttempts.getAndDecrement() > 0) {
        throw new SerializationException("could not fetch schema", new ConnectException("Connection refused"));
      }
      return commandsByKey.get(new String(bytes, StandardCharsets.UTF_8));
    };
    KafkaProducer<byte[], byte[]> deadLetterProducer = new KafkaProducer<>(Map.<String, Object>of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap()), new ByteArraySerializer(),
        new ByteArraySerializer());
    DeadLetterRouter deadLetters = new DeadLetterRouter(deadLetterProducer);
    List<Progress> progress = new CopyOnWriteArrayList<>();
    // No tenant is known: the worker refuses every command without touching a database, which is all this needs.
    MigrationWorker worker = new MigrationWorker(new InMemoryTenantDirectory(), new Residency(Set.of("eu-west")),
        name -> null, null, progress::add, FleetLimits.of(2, 2));
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        INFRA.kafkaBootstrap()), new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < 3; i++) {
        TenantMigrationRequested command = command("tenant-" + i);
        commandsByKey.put("command-" + i, command);
        producer.send(new ProducerRecord<>(topic, command.getTenantId(),
            ("command-" + i).getBytes(StandardCharsets.UTF_8))).get();
      }
    }
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueId("outage"),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
    Set<UUID> recorded = java.util.concurrent.ConcurrentHashMap.newKeySet();
    JdbcInbox inbox = new JdbcInbox(null, topic) {
      @Override
      public boolean seen(UUID eventId) {
        return recorded.contains(eventId);
      }

      @Override
      public void record(UUID eventId) {
        recorded.add(eventId);
      }
    };

    try (CommandConsumer commands = new CommandConsumer(consumer, topic,
        new DecodingGuard<>(flakyRegistry, deadLetters), worker, inbox)) {
      commands.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> recorded.size() == 3);
    }

    deadLetters.close();
    assertThat(deadLetters.routedCount()).isZero();
    try (Admin admin = INFRA.admin()) {
      TopicPartition dlq = new TopicPartition(topic + ".dlq", 0);
      assertThat(admin.listOffsets(Map.of(dlq, OffsetSpec.latest())).partitionResult(dlq).get().offset()).isZero();
    }
    assertThat(progress).extracting(p -> p.command().tenantId())
        .containsExactlyInAnyOrder("tenant-0", "tenant-1", "tenant-2");
    assertThat(unreachableAttempts.get()).isNegative();
  }

  private static TenantMigrationRequested command(String tenantId) {
    TenantMigrationRequested sample = (TenantMigrationRequested) SampleEvents.of(Topics.MIGRATION_COMMANDS);
    return TenantMigrationRequested.newBuilder(sample).setEventId(UUID.randomUUID()).setTenantId(tenantId).build();
  }
}
