package dev.tenantwave.migration.command;

import dev.tenantwave.events.MigrationPhase;
import dev.tenantwave.events.TenantMigrationRequested;
import dev.tenantwave.migration.run.MigrationCommand;
import dev.tenantwave.migration.run.MigrationWorker;
import dev.tenantwave.migration.run.Progress;
import dev.tenantwave.migration.set.Phase;
import dev.tenantwave.service.dlq.DecodingGuard;
import dev.tenantwave.service.dlq.RegistryUnavailableException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code migration.commands.v1} and hands each command to the worker without waiting for it: a backfill may
 * take longer than any poll interval. A command is done once the broker has acknowledged its final progress; only
 * then is it recorded in the inbox, and offsets are committed only below the oldest command not done on each
 * partition, so a crash or stop redelivers exactly the unfinished ones, which resume (or announce their result
 * again) from their history. A command the inbox has seen is re-announced, not run; an undecodable or invalid one
 * (no value, no key, a key other than its tenant) goes to the DLQ. While the schema registry is out of reach, the
 * partition waits at the command it could not decode and tries it again after a pause. It joins its group only
 * once the worker's tenant directory has read the whole catalog.
 */
public class CommandConsumer implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CommandConsumer.class);
  static final Duration REGISTRY_RETRY_PAUSE = Duration.ofSeconds(2);
  private static final Duration DIRECTORY_WAIT = Duration.ofMillis(500);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final DecodingGuard<TenantMigrationRequested> guard;
  private final MigrationWorker worker;
  private final JdbcInbox inbox;
  private final Map<TopicPartition, ConcurrentSkipListSet<Long>> running = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> nextOffset = new ConcurrentHashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
  private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final java.util.Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
  private volatile boolean groupAnswered;
  private final Thread thread;

  public CommandConsumer(Consumer<String, byte[]> consumer, String topic,
      DecodingGuard<TenantMigrationRequested> guard, MigrationWorker worker, JdbcInbox inbox) {
    this.consumer = consumer;
    this.topic = topic;
    this.guard = guard;
    this.worker = worker;
    this.inbox = inbox;
    this.thread = new Thread(this, "migration-commands");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** The partitions of the command topic this instance holds now (none before its group assigned it any). */
  public int assignedPartitions() {
    return assigned.size();
  }

  /**
   * Whether its group's last rebalance has ended for this instance, so that holding no partition means the group
   * has more members than partitions rather than "not yet".
   */
  public boolean hasGroupAnswered() {
    return groupAnswered;
  }

  /** Whether the consumer thread still runs. */
  public boolean isRunning() {
    return thread.isAlive() && !closed.get();
  }

  @Override
  public void run() {
    try {
      if (!awaitDirectory()) {
        return;
      }
      consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          commitReady();
          assigned.removeAll(partitions);
          if (!partitions.isEmpty()) {
            groupAnswered = false; // until the rebalance that took them away ends
          }
          partitions.forEach(p -> {
            running.remove(p);
            nextOffset.remove(p);
            pausedUntil.remove(p);
          });
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          assigned.addAll(partitions);
          groupAnswered = true;
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
          onPartitionsRevoked(partitions);
        }
      });
      while (!closed.get()) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        for (TopicPartition partition : records.partitions()) {
          handleInOrder(partition, records.records(partition));
        }
        commitReady();
        resumeDuePartitions();
      }
    } catch (WakeupException e) {
      if (!closed.get()) {
        throw e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("migration command consumer stopped", e);
    } finally {
      commitReady();
      consumer.close();
    }
  }

  /**
   * Joins the group only once the worker's directory has read the whole catalog: a restarted worker gets its
   * partitions back at once (static membership), and a command taken before would refuse a tenant not read yet.
   */
  private boolean awaitDirectory() throws InterruptedException {
    boolean told = false;
    while (!closed.get()) {
      if (worker.awaitDirectory(DIRECTORY_WAIT)) {
        return true;
      }
      if (!told) {
        LOG.info("waiting for the catalog view to be read to its end before taking migration commands");
        told = true;
      }
    }
    return false;
  }

  private void handleInOrder(TopicPartition partition, List<ConsumerRecord<String, byte[]>> records) {
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        handle(record);
      } catch (RegistryUnavailableException e) {
        LOG.warn("{}; retrying in {} s", e.getMessage(), REGISTRY_RETRY_PAUSE.toSeconds());
        nextOffset.put(partition, record.offset());
        consumer.seek(partition, record.offset());
        consumer.pause(List.of(partition));
        pausedUntil.put(partition, System.currentTimeMillis() + REGISTRY_RETRY_PAUSE.toMillis());
        return;
      }
    }
  }

  private void resumeDuePartitions() {
    long now = System.currentTimeMillis();
    List<TopicPartition> due = pausedUntil.entrySet().stream().filter(e -> e.getValue() <= now)
        .map(Map.Entry::getKey).toList();
    if (!due.isEmpty()) {
      consumer.resume(due);
      due.forEach(pausedUntil::remove);
    }
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    nextOffset.put(partition, record.offset() + 1);
    if (record.value() == null) {
      guard.reject(record, "no value: a command topic has no tombstones");
      return;
    }
    Optional<TenantMigrationRequested> decoded = guard.decode(record);
    if (decoded.isEmpty()) {
      return;
    }
    TenantMigrationRequested request = decoded.get();
    Optional<String> invalid = invalid(record, request);
    if (invalid.isPresent()) {
      guard.reject(record, invalid.get());
      return;
    }
    MigrationCommand command = new MigrationCommand(request.getEventId(), request.getSequence(),
        request.getReleaseId(), request.getTenantId(), request.getMigrationSet(),
        Phase.valueOf(request.getPhase().name()), request.getAttempt());
    ConcurrentSkipListSet<Long> inFlight = running.computeIfAbsent(partition, p -> new ConcurrentSkipListSet<>());
    inFlight.add(record.offset());
    CompletableFuture<Progress> outcome = seen(command) ? worker.redelivered(command) : worker.submit(command);
    outcome.whenComplete((progress, error) -> {
      if (error != null || stopped(progress)) {
        LOG.info("command {} left undone: the worker stopped before its answer was out", command.commandId());
        return; // stays in flight, so its offset is never committed: the next start gets it again
      }
      try {
        inbox.record(command.commandId());
      } catch (Exception e) {
        LOG.warn("could not record command {} in the inbox: {}", command.commandId(), e.toString());
      } finally {
        inFlight.remove(record.offset());
      }
    });
  }

  /** The tenant's history makes every step idempotent anyway; the inbox only spares the work of finding out. */
  private boolean seen(MigrationCommand command) {
    try {
      return inbox.seen(command.commandId());
    } catch (Exception e) {
      LOG.warn("inbox unavailable, deciding command {} from the tenant's history: {}", command.commandId(), e.toString());
      return false;
    }
  }

  private static boolean stopped(Progress progress) {
    return progress.error() != null && progress.error().startsWith("worker stopped");
  }

  private static Optional<String> invalid(ConsumerRecord<String, byte[]> record, TenantMigrationRequested request) {
    if (request.getPhase() == MigrationPhase.UNKNOWN) {
      return Optional.of("phase UNKNOWN: the command names a phase this worker does not know");
    }
    if (record.key() == null) {
      return Optional.of("no key: a command is keyed by its tenant '" + request.getTenantId() + "'");
    }
    if (!record.key().equals(request.getTenantId())) {
      return Optional.of("key '" + record.key() + "' is not the command's tenant '" + request.getTenantId() + "'");
    }
    return Optional.empty();
  }

  /** Commits, per partition, up to the oldest command not done (or everything read when all are). */
  private void commitReady() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    nextOffset.forEach((partition, next) -> {
      ConcurrentSkipListSet<Long> inFlight = running.get(partition);
      long committable = inFlight == null || inFlight.isEmpty() ? next : inFlight.first();
      offsets.put(partition, new OffsetAndMetadata(committable));
    });
    offsets.entrySet().removeIf(e -> e.getValue().equals(committed.get(e.getKey())));
    if (!offsets.isEmpty()) {
      try {
        consumer.commitSync(offsets);
        committed.putAll(offsets);
      } catch (RuntimeException e) {
        LOG.warn("offset commit failed; commands since the last commit will be redelivered: {}", e.toString());
      }
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      consumer.wakeup();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
