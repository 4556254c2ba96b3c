package dev.tenantwave.catalogview;

import dev.tenantwave.events.KafkaClientSecurity;
import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.DecodingFailures;
import dev.tenantwave.events.serde.EventSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant catalog in process: {@code tenant.catalog.v1} materialized into a map. It reads every partition from
 * the beginning of the compacted topic (no consumer group: every instance holds the whole catalog), is
 * {@linkplain #isReady() ready} once it has reached the end offsets it saw at start, and then follows the topic.
 * Lookups are plain map reads. A tombstone removes a tenant; an entry with a lower version than the one held (a
 * redelivery) is ignored.
 */
public final class CatalogView implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogView.class);
  private static final long MAX_REGISTRY_BACKOFF_MILLIS = 2_000;

  private final Map<String, TenantCatalogEntry> tenants = new ConcurrentHashMap<>();
  private final List<CatalogListener> listeners = new CopyOnWriteArrayList<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();
  /** The view thread's own: what each caller of {@link #caughtUp()} waits for the view to reach. */
  private final List<CatchUp> catchUps = new ArrayList<>();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong registryWaits = new AtomicLong();
  private volatile boolean waitingForRegistry;
  private final KafkaConsumer<String, TenantCatalogEntry> consumer;
  private final String topic;
  private final Thread thread;
  private volatile long lag = -1;
  private volatile Instant lastPoll = Instant.EPOCH;
  private volatile boolean running = true;

  private CatalogView(String bootstrapServers, Deserializer<TenantCatalogEntry> values, String topic,
                      Map<String, Object> consumerOverrides) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.putAll(KafkaClientSecurity.fromEnvironment());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "catalog-view-" + UUID.randomUUID());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // The catalog relay publishes in transactions; only committed batches keep each tenant's events in order.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    config.putAll(consumerOverrides);
    this.topic = topic;
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
    this.thread = new Thread(this::run, "catalog-view");
    this.thread.setDaemon(true);
  }

  /** Starts a view of {@code tenant.catalog.v1} on this Kafka and schema registry. */
  public static CatalogView start(String bootstrapServers, String registryUrl) {
    return start(bootstrapServers, EventSerdes.forRegistry(registryUrl).valueDeserializer(Topics.TENANT_CATALOG),
        Topics.TENANT_CATALOG.name(), Map.of());
  }

  /** Starts a view with its own deserializer, topic name and consumer settings (tests, TLS, ...). */
  public static CatalogView start(String bootstrapServers, Deserializer<TenantCatalogEntry> values, String topic,
                                  Map<String, Object> consumerOverrides) {
    CatalogView view = new CatalogView(bootstrapServers, values, topic, consumerOverrides);
    view.thread.start();
    return view;
  }

  /** The tenant's entry, if the catalog has it. */
  public Optional<TenantCatalogEntry> find(String tenantId) {
    return Optional.ofNullable(tenants.get(tenantId));
  }

  /** The tenant's entry, or null: the allocation-free lookup for hot paths. */
  public TenantCatalogEntry get(String tenantId) {
    return tenants.get(tenantId);
  }

  public int size() {
    return tenants.size();
  }

  /** An unmodifiable live view of every tenant. */
  public Map<String, TenantCatalogEntry> all() {
    return Collections.unmodifiableMap(tenants);
  }

  public void addListener(CatalogListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  public void removeListener(CatalogListener listener) {
    listeners.remove(listener);
  }

  /** True once the view has read the topic up to where it ended when the view started. */
  public boolean isReady() {
    return ready.getCount() == 0;
  }

  /** Waits until {@link #isReady()}; false on timeout. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Completes once the view has applied everything the topic held when this was called: a tenant not found before
   * may be one created a moment ago. Completes exceptionally if the view is closed first.
   */
  public CompletableFuture<Void> caughtUp() {
    CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    catchUpRequests.add(caughtUp);
    if (!running) {
      failCatchUpRequests(); // the view thread may have stopped taking them
    }
    return caughtUp;
  }

  /** Records of the topic not yet applied, as of the last poll; -1 before the first poll answered. */
  public long lag() {
    return lag;
  }

  /** When the view last heard from Kafka: a view that is not behind but has not polled for long is cut off. */
  public Instant lastPoll() {
    return lastPoll;
  }

  /** Changes applied since start. */
  public long appliedCount() {
    return applied.get();
  }

  /**
   * True while the view waits at a record because the schema registry is out of reach: it is paused there (not
   * ready if it was not yet, {@link #lag()} growing) and resumes at that record once the registry answers.
   */
  public boolean isWaitingForRegistry() {
    return waitingForRegistry;
  }

  /** Times a poll found the schema registry out of reach since start. */
  public long registryWaitCount() {
    return registryWaits.get();
  }

  /** Records that could not be decoded (by a reachable registry) and were skipped. */
  public long skippedCount() {
    return skipped.get();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      Map<TopicPartition, Long> targets = assignAll();
      if (targets == null) {
        return; // closed while waiting for the topic
      }
      long backoff = 0;
      while (running) {
        ConsumerRecords<String, TenantCatalogEntry> records;
        try {
          records = consumer.poll(Duration.ofMillis(200));
        } catch (RecordDeserializationException e) {
          consumer.seek(e.topicPartition(), e.offset());
          if (!DecodingFailures.isPermanent(e)) {
            // The registry is out of reach: not the record's fault. Wait at it; skipping could lose a tenant.
            if (!waitingForRegistry) {
              LOG.warn("Catalog view paused at {}@{}: the schema registry is out of reach ({}); it resumes there"
                  + " once the registry answers", e.topicPartition(), e.offset(), DecodingFailures.describe(e));
            }
            waitingForRegistry = true;
            registryWaits.incrementAndGet();
            lag = currentLag();
            backoff = Math.min(MAX_REGISTRY_BACKOFF_MILLIS, Math.max(100, backoff * 2));
            Thread.sleep(backoff);
            continue;
          }
          skipped.incrementAndGet();
          LOG.warn("Skipping undecodable record {}@{} ({} skipped so far): {}", e.topicPartition(), e.offset(),
              skipped.get(), DecodingFailures.describe(e));
          consumer.seek(e.topicPartition(), e.offset() + 1);
          continue;
        }
        if (waitingForRegistry) {
          LOG.info("Catalog view resumed: the schema registry answers again");
          waitingForRegistry = false;
        }
        backoff = 0;
        for (ConsumerRecord<String, TenantCatalogEntry> record : records) {
          apply(record.key(), record.value());
        }
        lastPoll = Instant.now();
        lag = currentLag();
        answerCatchUps();
        if (!isReady() && reached(targets)) {
          ready.countDown();
          LOG.info("Catalog view ready: {} tenants", tenants.size());
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("Catalog view woken unexpectedly", e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("Catalog view stopped", e);
    } finally {
      running = false;
      failCatchUps();
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private record CatchUp(Map<TopicPartition, Long> targets, CompletableFuture<Void> done) {}

  /**
   * Gives the requests made since the last poll the topic's end offsets as of now (taken after the requests, so
   * never older than one of them), and completes those the view has reached.
   */
  private void answerCatchUps() {
    List<CompletableFuture<Void>> requests = new ArrayList<>();
    for (CompletableFuture<Void> request; (request = catchUpRequests.poll()) != null; ) {
      requests.add(request);
    }
    if (!requests.isEmpty()) {
      Map<TopicPartition, Long> ends;
      try {
        ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(5));
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        catchUpRequests.addAll(requests); // asked again after the next poll
        return;
      }
      requests.forEach(request -> catchUps.add(new CatchUp(ends, request)));
    }
    catchUps.removeIf(catchUp -> {
      if (!reached(catchUp.targets())) {
        return false;
      }
      catchUp.done().complete(null);
      return true;
    });
  }

  private void failCatchUps() {
    catchUps.forEach(catchUp -> catchUp.done().completeExceptionally(closed()));
    catchUps.clear();
    failCatchUpRequests();
  }

  private void failCatchUpRequests() {
    for (CompletableFuture<Void> request; (request = catchUpRequests.poll()) != null; ) {
      request.completeExceptionally(closed());
    }
  }

  private static IllegalStateException closed() {
    return new IllegalStateException("the catalog view is closed");
  }

  /**
   * Assigns every partition of the topic, waiting for it to exist (a service may start before the topics are
   * provisioned); null if the view was closed meanwhile.
   */
  private Map<TopicPartition, Long> assignAll() throws InterruptedException {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60));
    long backoff = 100;
    while (partitions == null || partitions.isEmpty()) {
      if (!running) {
        return null;
      }
      if (backoff == 100) {
        LOG.warn("Catalog view waiting for topic {} to exist; it starts reading once it does", topic);
      }
      Thread.sleep(backoff);
      backoff = Math.min(MAX_REGISTRY_BACKOFF_MILLIS, backoff * 2);
      partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60));
    }
    List<TopicPartition> assignment = new ArrayList<>();
    for (PartitionInfo p : partitions) {
      assignment.add(new TopicPartition(p.topic(), p.partition()));
    }
    consumer.assign(assignment);
    consumer.seekToBeginning(assignment);
    return new HashMap<>(consumer.endOffsets(assignment, Duration.ofSeconds(60)));
  }

  private boolean reached(Map<TopicPartition, Long> targets) {
    for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
      if (consumer.position(target.getKey()) < target.getValue()) {
        return false;
      }
    }
    return true;
  }

  private long currentLag() {
    long total = 0;
    for (TopicPartition partition : consumer.assignment()) {
      OptionalLong partitionLag = consumer.currentLag(partition);
      if (partitionLag.isEmpty()) {
        return lag;
      }
      total += partitionLag.getAsLong();
    }
    return total;
  }

  private void apply(String tenantId, TenantCatalogEntry entry) {
    if (tenantId == null) {
      skipped.incrementAndGet();
      return;
    }
    TenantCatalogEntry before = tenants.get(tenantId);
    if (entry == null) {
      if (before == null) {
        return;
      }
      tenants.remove(tenantId);
    } else {
      if (before != null && (entry.getVersion() < before.getVersion()
          || entry.getEventId().equals(before.getEventId()))) {
        return; // a redelivery or an older event
      }
      tenants.put(tenantId, entry);
    }
    applied.incrementAndGet();
    for (CatalogListener listener : listeners) {
      try {
        listener.onChange(tenantId, before, entry);
      } catch (RuntimeException e) {
        LOG.warn("Catalog listener failed for tenant {}", tenantId, e);
      }
    }
  }
}
