package dev.tenantwave.gate.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store that keeps what was written since the last commit as objects and serializes each dirty key
 * once, into the (logged) bytes store below it, when Kafka Streams flushes the task's caches: a window updated by a
 * thousand records between two commits costs one serialization and one changelog record, not a thousand.
 *
 * <p>The flush is the hook that makes this exactly-once: before every commit (and before a clean close),
 * {@code StreamTask.prepareCommit} calls {@code ProcessorStateManager.flushCache()}, which calls
 * {@link #flushCache()} on every registered store that is a {@code CachedStateStore} - as Streams' own
 * {@code CachingKeyValueStore} is. The changelog records are therefore sent inside the transaction that commits the
 * input offsets of the records they reflect. A task that dies between commits loses its dirty objects with the
 * aborted transaction ({@link #clearCache()}, {@link #init}, {@link #close()} drop them), and its records are
 * processed again from the committed offsets.
 *
 * <p>Objects are held by reference: a caller may change a value it put (or got) in place and put it again to mark
 * it dirty; what is serialized is its state at the flush. {@link #flush()} (Streams calls it after the commit, to
 * checkpoint) does not write dirty keys: there are none then, and a write there would miss the transaction. Values read through {@link #all()} or a range are
 * decoded copies. A deleted key that never reached the store below is dropped without a tombstone.
 */
final class WriteBehindKeyValueStore<K, V> extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, K, V>
    implements KeyValueStore<K, V> {

  private static final Object DELETED = new Object();

  private final Serde<K> keySerde;
  private final Serde<V> valueSerde;
  /** Keys written since the last flush, to their value or {@link #DELETED}. */
  private final Map<K, Object> dirty = new HashMap<>();
  /** Counts the times the dirty keys were written below or dropped. */
  private long generation;

  WriteBehindKeyValueStore(KeyValueStore<Bytes, byte[]> bytes, Serde<K> keySerde, Serde<V> valueSerde) {
    super(bytes);
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
  }

  /**
   * Changes whenever the dirty keys are written to the store below or dropped: a key put while it was the same is
   * still dirty, so a caller that keeps changing that value in place need not put it again (a put per change costs
   * a hash lookup per record).
   */
  long generation() {
    return generation;
  }

  /** This store under Streams' decorators (what a processor's {@code getStateStore} returns), or null. */
  static WriteBehindKeyValueStore<?, ?> under(StateStore store) {
    StateStore next = store;
    while (!(next instanceof WriteBehindKeyValueStore) && next instanceof WrappedStateStore<?, ?, ?> wrapped) {
      next = wrapped.wrapped();
    }
    return next instanceof WriteBehindKeyValueStore<?, ?> writeBehind ? writeBehind : null;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    clearDirty();
    super.init(context, root);
  }

  @Override
  public void put(K key, V value) {
    dirty.put(key, value == null ? DELETED : value);
  }

  @Override
  public V putIfAbsent(K key, V value) {
    V current = get(key);
    if (current == null) {
      put(key, value);
    }
    return current;
  }

  @Override
  public void putAll(List<KeyValue<K, V>> entries) {
    for (KeyValue<K, V> entry : entries) {
      put(entry.key, entry.value);
    }
  }

  @Override
  public V delete(K key) {
    V current = get(key);
    dirty.put(key, DELETED);
    return current;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(K key) {
    Object value = dirty.get(key);
    if (value != null) {
      return value == DELETED ? null : (V) value;
    }
    return value(wrapped().get(key(key)));
  }

  @Override
  public KeyValueIterator<K, V> range(K from, K to) {
    writeDirty();
    return new Decoding(wrapped().range(from == null ? null : key(from), to == null ? null : key(to)));
  }

  @Override
  public KeyValueIterator<K, V> all() {
    writeDirty();
    return new Decoding(wrapped().all());
  }

  @Override
  public long approximateNumEntries() {
    writeDirty();
    return wrapped().approximateNumEntries();
  }

  /** Called before every commit: the dirty keys go to the store below (and its changelog) in this transaction. */
  @Override
  public void flushCache() {
    writeDirty();
    super.flushCache();
  }

  /** Drops what was not flushed: the transaction it belonged to is aborted. */
  @Override
  public void clearCache() {
    clearDirty();
    super.clearCache();
  }

  @Override
  public void close() {
    clearDirty();
    super.close();
  }

  private void clearDirty() {
    dirty.clear();
    generation++;
  }

  /** How many keys wait for the next flush. */
  int dirtyKeys() {
    return dirty.size();
  }

  @SuppressWarnings("unchecked")
  private void writeDirty() {
    generation++;
    if (dirty.isEmpty()) {
      return;
    }
    KeyValueStore<Bytes, byte[]> bytes = wrapped();
    for (Map.Entry<K, Object> entry : dirty.entrySet()) {
      Bytes key = key(entry.getKey());
      if (entry.getValue() != DELETED) {
        bytes.put(key, valueSerde.serializer().serialize(name(), (V) entry.getValue()));
      } else if (bytes.get(key) != null) {
        bytes.put(key, null);
      }
    }
    dirty.clear();
  }

  private Bytes key(K key) {
    return Bytes.wrap(keySerde.serializer().serialize(name(), key));
  }

  private V value(byte[] bytes) {
    return bytes == null ? null : valueSerde.deserializer().deserialize(name(), bytes);
  }

  private final class Decoding implements KeyValueIterator<K, V> {

    private final KeyValueIterator<Bytes, byte[]> bytes;

    Decoding(KeyValueIterator<Bytes, byte[]> bytes) {
      this.bytes = bytes;
    }

    @Override
    public boolean hasNext() {
      return bytes.hasNext();
    }

    @Override
    public KeyValue<K, V> next() {
      KeyValue<Bytes, byte[]> next = bytes.next();
      return KeyValue.pair(keySerde.deserializer().deserialize(name(), next.key.get()), value(next.value));
    }

    @Override
    public K peekNextKey() {
      return keySerde.deserializer().deserialize(name(), bytes.peekNextKey().get());
    }

    @Override
    public void close() {
      bytes.close();
    }
  }
}
