package dev.tenantwave.migration.command;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.tenantwave.events.KafkaClientSecurity;
import dev.tenantwave.events.MigrationPhase;
import dev.tenantwave.events.MigrationState;
import dev.tenantwave.events.TenantMigrationProgress;
import dev.tenantwave.events.Topics;
import dev.tenantwave.migration.retry.RetrySettings;
import dev.tenantwave.migration.run.Progress;
import dev.tenantwave.migration.run.ProgressListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every progress observation to {@code migration.progress.v1}, keyed by tenant. Intermediate progress is
 * sent and forgotten; a command's final progress is sent again, the same event, until the broker acknowledges it.
 */
public class KafkaProgressPublisher implements ProgressListener, AutoCloseable {

  /** Backoff between sends of a final progress the broker did not acknowledge, without end. */
  private static final RetrySettings DELIVERY_RETRY =
      new RetrySettings(-1, Duration.ofMillis(100), Duration.ofSeconds(5), 0.25);

  private static final Logger LOG = LoggerFactory.getLogger(KafkaProgressPublisher.class);

  private final Producer<String, TenantMigrationProgress> producer;
  /** Seeded from the clock so that sequences keep rising across restarts of the worker. */
  private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1_000);
  private final RetryPolicy<Void> delivery;
  /** Sends and waits out the backoff of final progress, so that a send blocked on metadata holds up no one else. */
  private final ScheduledExecutorService deliverer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "migration-progress-delivery");
    thread.setDaemon(true);
    return thread;
  });
  private volatile boolean closed;

  public KafkaProgressPublisher(Producer<String, TenantMigrationProgress> producer) {
    this.producer = producer;
    this.delivery = RetryPolicy.<Void>builder()
        .handle(Exception.class)
        .withBackoff(DELIVERY_RETRY.initialDelay(), DELIVERY_RETRY.maxDelay())
        .withJitter(DELIVERY_RETRY.jitterFactor())
        .withMaxRetries(DELIVERY_RETRY.maxRetries())
        .abortIf((ignored, error) -> closed)
        .build();
  }

  /** The producer's settings: acknowledged by all in-sync replicas, written once however often the client retries. */
  public static Map<String, Object> producerSettings(String bootstrapServers) {
    return KafkaClientSecurity.with(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.CLIENT_ID_CONFIG, "migration-progress"));
  }

  @Override
  public void onProgress(Progress progress) {
    TenantMigrationProgress event = toEvent(progress, sequence.incrementAndGet());
    producer.send(record(event), (metadata, error) -> {
      if (error != null) {
        LOG.warn("could not publish progress of tenant {}: {}", event.getTenantId(), error.toString());
      }
    });
  }

  /**
   * Sends the final progress until the broker acknowledges it (acks=all), always the same event: a send that failed
   * on its way back may have landed, and the event id lets readers drop the copy. Cancelling stops the sends.
   */
  @Override
  public CompletableFuture<Void> onFinalProgress(Progress progress) {
    ProducerRecord<String, TenantMigrationProgress> record = record(toEvent(progress, sequence.incrementAndGet()));
    return Failsafe.with(delivery).with(deliverer).getStageAsync(() -> acknowledged(record));
  }

  private CompletableFuture<Void> acknowledged(ProducerRecord<String, TenantMigrationProgress> record) {
    CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    try {
      producer.send(record, (metadata, error) -> {
        if (error == null) {
          acknowledged.complete(null);
        } else {
          acknowledged.completeExceptionally(error);
        }
      });
    } catch (RuntimeException e) {
      acknowledged.completeExceptionally(e);
    }
    return acknowledged.whenComplete((ignored, error) -> {
      if (error != null) {
        TenantMigrationProgress event = record.value();
        LOG.warn("{} of command {} (tenant {}) not acknowledged, to be sent again: {}", event.getState(),
            event.getCommandId(), event.getTenantId(), error.toString());
      }
    });
  }

  private static ProducerRecord<String, TenantMigrationProgress> record(TenantMigrationProgress event) {
    return new ProducerRecord<>(Topics.MIGRATION_PROGRESS.name(), event.getTenantId(), event);
  }

  /** Waits for the progress in flight; a final progress still unacknowledged fails at its next send. */
  @Override
  public void close() {
    closed = true;
    deliverer.shutdown();
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
