package dev.tenantwave.catalog.outbox;

import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes outbox rows to {@code tenant.catalog.v1} in id order, woken by PostgreSQL LISTEN/NOTIFY at commit and
 * polling as a fallback. One relay publishes at a time across instances (a session advisory lock); the others stand
 * by and take over when its connection goes away. Each batch is one Kafka transaction: if any record of it fails,
 * none of it becomes visible to read_committed consumers and the whole batch is retried, so a tenant's events are
 * never seen out of order (a failed record can't be overtaken by a later one). A row is marked published after the
 * commit; should that mark be lost, the batch is published again in the same order (at least once: consumers drop
 * an {@code eventId} or older {@code version} they already have). While Kafka or the
 * registry is down, writes keep committing and rows wait; the relay retries with backoff.
 */
@Singleton
@Requires(property = "tenantwave.outbox.enabled", notEquals = "false")
public class OutboxRelay implements ApplicationEventListener<ServerStartupEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  static final String CHANNEL = "outbox_inserted";
  private static final long LEADER_LOCK = 0x7477_6f75_7462L; // "twoutb"

  private final DataSource dataSource;
  private final OutboxRelayConfig config;
  private final String bootstrapServers;
  private final String registryUrl;
  private final Counter published;
  private final Counter failures;
  private final AtomicLong pending = new AtomicLong();
  private final Object wakeUp = new Object();

  private volatile boolean running;
  private Thread thread;
  private Connection connection;
  private KafkaProducer<String, byte[]> producer;
  private Serializer<TenantCatalogEntry> serializer;
  private boolean leader;

  public OutboxRelay(DataSource dataSource, @Nullable DataSourceResolver resolver, OutboxRelayConfig config,
                     @Value("${kafka.bootstrap.servers}") String kafkaBootstrap,
                     @Value("${tenantwave.registry.url}") String registryUrl, MeterRegistry meters) {
    // micronaut-data's transaction-aware proxy refuses connections outside a transaction; the relay needs the pool.
    this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    this.config = config;
    this.bootstrapServers = config.getBootstrapServers() == null ? kafkaBootstrap : config.getBootstrapServers();
    this.registryUrl = registryUrl;
    this.published = meters.counter("tenantwave.outbox.published");
    this.failures = meters.counter("tenantwave.outbox.failures");
    meters.gauge("tenantwave.outbox.pending", pending);
  }

  @Override
  public void onApplicationEvent(ServerStartupEvent event) {
    start();
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "outbox-relay");
    thread.setDaemon(true);
    thread.start();
  }

  @PreDestroy
  public void stop() throws InterruptedException {
    running = false;
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
    Thread t = thread;
    if (t != null) {
      t.join(10_000); // the relay notices within one poll interval and closes its producer cleanly
    }
  }

  /** Rows not yet published, as of the last round. */
  public long pending() {
    return pending.get();
  }

  private void run() {
    Duration backoff = Duration.ofMillis(100);
    while (running) {
      try {
        ensureConnected();
        if (!leader) {
          leader = tryLead();
          if (!leader) {
            awaitNotification(config.getPollInterval());
            continue;
          }
          LOG.info("Outbox relay is publishing to {} at {}", Topics.TENANT_CATALOG.name(), bootstrapServers);
        }
        int count = publishBatch();
        backoff = Duration.ofMillis(100);
        if (count < config.getBatchSize()) {
          awaitNotification(config.getPollInterval());
        }
      } catch (Exception e) {
        if (!running) {
          break;
        }
        failures.increment();
        LOG.warn("Outbox relay: {}; retrying in {} ms", describe(e), backoff.toMillis());
        resetOnFailure(e);
        pause(backoff);
        backoff = backoff.multipliedBy(2).compareTo(config.getMaxBackoff()) > 0 ? config.getMaxBackoff()
            : backoff.multipliedBy(2);
      }
    }
    closeQuietly();
  }

  private void ensureConnected() throws SQLException {
    if (connection == null || connection.isClosed()) {
      leader = false;
      connection = dataSource.getConnection();
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("LISTEN " + CHANNEL);
      }
    }
    if (producer == null) {
      producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
      // Fences a previous relay with the same transactional id and aborts what it left open.
      producer.initTransactions();
      serializer = EventSerdes.forRegistry(registryUrl).valueSerializer(Topics.TENANT_CATALOG);
    }
  }

  private boolean tryLead() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      statement.setLong(1, LEADER_LOCK);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private int publishBatch() throws Exception {
    producer.partitionsFor(Topics.TENANT_CATALOG.name());
    List<Long> ids = new ArrayList<>();
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    producer.beginTransaction();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT id, topic, message_key, payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?")) {
      select.setInt(1, config.getBatchSize());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          String topic = rs.getString(2);
          byte[] payload = rs.getBytes(4);
          byte[] value = payload == null ? null : serializer.serialize(topic, CatalogOutbox.decode(payload));
          ids.add(rs.getLong(1));
          sends.add(producer.send(new ProducerRecord<>(topic, rs.getString(3), value)));
        }
      }
    }
    if (ids.isEmpty()) {
      producer.abortTransaction();
      pending.set(0);
      return 0;
    }
    producer.flush();
    for (Future<RecordMetadata> send : sends) {
      try {
        send.get();
      } catch (ExecutionException e) {
        // Nothing of this batch becomes visible to read_committed consumers; the whole batch is retried.
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }
    producer.commitTransaction();
    markPublished(ids);
    published.increment(ids.size());
    pending.set(countPending());
    return ids.size();
  }

  private void markPublished(List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE outbox SET published_at = now() WHERE id = ANY(?)")) {
      Array array = connection.createArrayOf("bigint", ids.toArray());
      update.setArray(1, array);
      update.executeUpdate();
    }
  }

  private long countPending() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT count(*) FROM outbox WHERE published_at IS NULL")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private void awaitNotification(Duration timeout) throws SQLException {
    PGConnection pg = connection.unwrap(PGConnection.class);
    pg.getNotifications((int) Math.max(1, timeout.toMillis()));
  }

  private Map<String, Object> producerConfig() {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, "catalog-outbox-relay",
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "catalog-outbox-relay",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 2,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
        ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
  }

  /** A producer that failed is replaced, so the next attempt starts from a clean idempotence state. */
  private void resetOnFailure(Exception e) {
    if (producer != null) {
      producer.close(Duration.ZERO);
      producer = null;
    }
    if (serializer != null) {
      serializer.close();
      serializer = null;
    }
    if (e instanceof SQLException) {
      closeConnection();
    }
  }

  private void closeConnection() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // the connection is broken anyway
    }
    connection = null;
    leader = false;
  }

  private void closeQuietly() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
    closeConnection();
  }

  private void pause(Duration duration) {
    synchronized (wakeUp) {
      try {
        wakeUp.wait(duration.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage()
        + (root != e ? " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")" : "");
  }
}
