package dev.tenantwave.messaging;

import dev.tenantwave.events.Topic;
import dev.tenantwave.events.Topics;
import dev.tenantwave.events.serde.EventSerdes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecord;
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
 * Publishes outbox rows in id order, woken by the NOTIFY that {@link Outbox#append} sends at commit and polling as a
 * fallback. One relay per database publishes at a time (a session advisory lock); the others stand by and take over
 * when its connection goes away, and the new leader's producer fences the old one's ({@code transactional.id}).
 * Each batch is one Kafka transaction: if any record of it fails, none of it becomes visible to read_committed
 * consumers and the whole batch is retried, so a key's events are never seen out of order (a failed record can't be
 * overtaken by a later one). Rows are marked published after the commit; should that mark be lost, the batch is
 * published again in the same order (at least once: consumers drop an {@code eventId} they already have). While
 * Kafka, the registry or the database is down, writers keep committing and rows wait; the relay retries with
 * backoff. Values are serialized at publish time with the registry serializer of their topic.
 */
public final class OutboxRelay implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  static final String CHANNEL = "outbox_inserted";
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final DataSource dataSource;
  private final Map<String, Object> producerConfig;
  private final EventSerdes serdes;
  private final OutboxRelaySettings settings;
  private final MeterRegistry meters;
  private final List<Meter> registered = new ArrayList<>();
  private final Counter published;
  private final Counter failures;
  private final AtomicLong pending = new AtomicLong();
  private final Object wakeUp = new Object();

  private volatile boolean running;
  private boolean closed;
  private Thread thread;
  // Owned by the relay thread.
  private Connection connection;
  private boolean leader;
  private KafkaProducer<String, byte[]> producer;
  private final Map<String, Serializer<SpecificRecord>> serializers = new HashMap<>();

  /**
   * @param dataSource the service's pool itself (not a transaction-bound proxy): the relay keeps one connection for
   *     its advisory lock and LISTEN
   * @param producerConfig bootstrap servers and whatever else the service needs (security, client id); the relay
   *     adds its transactional settings and defaults for the rest
   * @param registryUrl the schema registry's base URL, as {@link EventSerdes#forRegistry} takes it
   * @param meters where {@code tenantwave.outbox.published}, {@code .failures} and {@code .pending} go, tagged with
   *     {@code relay=<transactionalId>}; null for none
   */
  public OutboxRelay(DataSource dataSource, Map<String, Object> producerConfig, String registryUrl,
                     OutboxRelaySettings settings, MeterRegistry meters) {
    this.dataSource = dataSource;
    this.producerConfig = producerConfig(producerConfig, settings);
    this.serdes = EventSerdes.forRegistry(registryUrl);
    this.settings = settings;
    this.meters = meters;
    Tags tags = Tags.of("relay", settings.transactionalId());
    this.published = meters == null ? null : register(meters.counter("tenantwave.outbox.published", tags));
    this.failures = meters == null ? null : register(meters.counter("tenantwave.outbox.failures", tags));
    if (meters != null) {
      register(Gauge.builder("tenantwave.outbox.pending", pending, AtomicLong::get).tags(tags)
          .description("outbox rows not yet published, as of the relay's last round").register(meters));
    }
  }

  /** Starts the relay's thread; a second call does nothing. */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("Outbox relay " + settings.transactionalId() + " is closed; create a new one");
    }
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "outbox-relay-" + settings.transactionalId());
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops publishing and releases the lock, so a standby relay takes over within its poll interval. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      closed = true;
      t = thread;
    }
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
    if (t != null) {
      try {
        // The relay notices within one poll interval and closes its producer cleanly.
        t.join(settings.pollInterval().plus(CLOSE_TIMEOUT).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (meters != null) {
      registered.forEach(meters::remove);
    }
  }

  /** Rows not yet published, as of the last round. */
  public long pending() {
    return pending.get();
  }

  private void run() {
    Duration backoff = FIRST_BACKOFF;
    while (running) {
      try {
        connect();
        if (!leader) {
          leader = tryLead();
          if (!leader) {
            awaitNotification();
            continue;
          }
          LOG.info("Outbox relay {} leads: publishing to {}", settings.transactionalId(),
              producerConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        }
        int count = publishBatch();
        backoff = FIRST_BACKOFF;
        if (count < settings.batchSize()) {
          awaitNotification();
        }
      } catch (Exception e) {
        if (!running) {
          break;
        }
        if (failures != null) {
          failures.increment();
        }
        LOG.warn("Outbox relay {}: {}; retrying in {} ms", settings.transactionalId(), describe(e), backoff.toMillis());
        resetOnFailure(e);
        pause(backoff);
        backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
            : backoff.multipliedBy(2);
      }
    }
    closeProducer(Duration.ofSeconds(5));
    closeConnection();
  }

  private void connect() throws SQLException {
    if (connection == null || connection.isClosed()) {
      leader = false;
      connection = dataSource.getConnection();
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("LISTEN " + CHANNEL);
      }
    }
  }

  private boolean tryLead() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      statement.setLong(1, settings.leaderLockKey());
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private record Row(long id, Topic<?> topic, String key, byte[] payload) {}

  private int publishBatch() throws Exception {
    List<Row> rows = readBatch();
    if (rows.isEmpty()) {
      pending.set(0);
      return 0;
    }
    List<byte[]> values = new ArrayList<>(rows.size());
    for (Row row : rows) {
      SpecificRecord value = OutboxPayload.decode(row.topic(), row.payload());
      values.add(value == null ? null : serializer(row.topic()).serialize(row.topic().name(), value));
    }
    if (producer == null) {
      // Only the leader has a producer: initTransactions fences the previous leader and aborts what it left open.
      producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
      producer.initTransactions();
    }
    producer.beginTransaction();
    List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      sends.add(producer.send(new ProducerRecord<>(row.topic().name(), row.key(), values.get(i))));
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
    markPublished(rows);
    if (published != null) {
      published.increment(rows.size());
    }
    pending.set(countPending());
    return rows.size();
  }

  private List<Row> readBatch() throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT id, topic, message_key, payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?")) {
      select.setInt(1, settings.batchSize());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getLong(1), Topics.byName(rs.getString(2)), rs.getString(3), rs.getBytes(4)));
        }
      }
    }
    return rows;
  }

  @SuppressWarnings("unchecked")
  private Serializer<SpecificRecord> serializer(Topic<?> topic) {
    return serializers.computeIfAbsent(topic.name(),
        name -> (Serializer<SpecificRecord>) (Serializer<?>) serdes.valueSerializer(topic));
  }

  private void markPublished(List<Row> rows) throws SQLException {
    Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE outbox SET published_at = now() WHERE id = ANY(?)")) {
      update.setArray(1, connection.createArrayOf("bigint", ids));
      update.executeUpdate();
    }
  }

  private long countPending() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT count(*) FROM outbox WHERE published_at IS NULL")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private void awaitNotification() throws SQLException {
    PGConnection pg = connection.unwrap(PGConnection.class);
    pg.getNotifications((int) Math.max(1, settings.pollInterval().toMillis()));
  }

  private static Map<String, Object> producerConfig(Map<String, Object> given, OutboxRelaySettings settings) {
    Map<String, Object> config = new HashMap<>(Map.of(
        ProducerConfig.CLIENT_ID_CONFIG, settings.transactionalId(),
        ProducerConfig.LINGER_MS_CONFIG, 2,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
        ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000));
    config.putAll(given);
    if (config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
      throw new IllegalArgumentException("producerConfig needs " + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    }
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return Map.copyOf(config);
  }

  private <M extends Meter> M register(M meter) {
    registered.add(meter);
    return meter;
  }

  /**
   * A producer that failed is replaced, so the next attempt starts from a clean idempotence state. The connection
   * (and with it the lead) is given up only when it is broken, not for an error such as a table Flyway has yet to
   * create.
   */
  private void resetOnFailure(Exception e) {
    closeProducer(Duration.ZERO);
    if (e instanceof SQLException && !connectionValid()) {
      closeConnection();
    }
  }

  private boolean connectionValid() {
    try {
      return connection != null && connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private void closeProducer(Duration timeout) {
    if (producer != null) {
      producer.close(timeout);
      producer = null;
    }
    serializers.values().forEach(Serializer::close);
    serializers.clear();
  }

  /**
   * The connection goes back to the service's pool, whose sessions outlive it: the lock and LISTEN are released
   * first, or a pooled session would keep the lock and no relay could lead until the pool retired it.
   */
  private void closeConnection() {
    if (connection == null) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_unlock_all()");
      statement.execute("UNLISTEN *");
    } catch (SQLException ignored) {
      // a broken session is closed by the server, and the pool drops it
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // the connection is broken anyway
    }
    connection = null;
    leader = false;
  }

  private void pause(Duration duration) {
    synchronized (wakeUp) {
      try {
        if (running) {
          wakeUp.wait(duration.toMillis());
        }
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
