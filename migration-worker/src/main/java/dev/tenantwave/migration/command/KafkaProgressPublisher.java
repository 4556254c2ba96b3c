package dev.tenantwave.migration.command;

import dev.tenantwave.events.MigrationPhase;
import dev.tenantwave.events.MigrationState;
import dev.tenantwave.events.TenantMigrationProgress;
import dev.tenantwave.events.Topics;
import dev.tenantwave.migration.run.Progress;
import dev.tenantwave.migration.run.ProgressListener;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes every progress observation to {@code migration.progress.v1}, keyed by tenant. */
public class KafkaProgressPublisher implements ProgressListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaProgressPublisher.class);

  private final Producer<String, TenantMigrationProgress> producer;
  /** Seeded from the clock so that sequences keep rising across restarts of the worker. */
  private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1_000);

  public KafkaProgressPublisher(Producer<String, TenantMigrationProgress> producer) {
    this.producer = producer;
  }

  /** The producer's settings: acknowledged by all in-sync replicas, written once however often the client retries. */
  public static Map<String, Object> producerSettings(String bootstrapServers) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.CLIENT_ID_CONFIG, "migration-progress");
  }

  @Override
  public void onProgress(Progress progress) {
    TenantMigrationProgress event = toEvent(progress, sequence.incrementAndGet());
    producer.send(new ProducerRecord<>(Topics.MIGRATION_PROGRESS.name(), event.getTenantId(), event),
        (metadata, error) -> {
          if (error != null) {
            LOG.warn("could not publish progress of tenant {}: {}", event.getTenantId(), error.toString());
          }
        });
  }

  @Override
  public void close() {
    producer.close();
  }

  static TenantMigrationProgress toEvent(Progress progress, long sequence) {
    var command = progress.command();
    return TenantMigrationProgress.newBuilder()
        .setEventId(UUID.randomUUID())
        .setSequence(sequence)
        .setCommandId(command.commandId())
        .setReleaseId(command.releaseId() == null ? "" : command.releaseId())
        .setTenantId(command.tenantId())
        .setMigrationSet(command.migrationSet())
        .setPhase(MigrationPhase.valueOf(command.phase().name()))
        .setState(MigrationState.valueOf(progress.state().name()))
        .setRowsDone(progress.rowsDone())
        .setRowsTotal(progress.rowsTotal())
        .setRowsPerSecond(progress.rowsPerSecond())
        .setBatchMillis(progress.batchMillis())
        .setDurationMillis(progress.durationMillis())
        .setAttempt(progress.attempt())
        .setError(progress.error())
        .setChecksum(progress.checksum())
        .setAt(Instant.now())
        .build();
  }
}
