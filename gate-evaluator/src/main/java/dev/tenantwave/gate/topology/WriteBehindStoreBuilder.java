package dev.tenantwave.gate.topology;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds a {@link WriteBehindKeyValueStore} over a metered, logged bytes store of the supplier's kind. The
 * write-behind layer is the store's cache, so Streams' own record cache is never added.
 */
final class WriteBehindStoreBuilder<K, V> implements StoreBuilder<KeyValueStore<K, V>> {

  private final StoreBuilder<KeyValueStore<Bytes, byte[]>> bytes;
  private final Serde<K> keySerde;
  private final Serde<V> valueSerde;

  WriteBehindStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
    this.bytes = Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray());
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
  }

  @Override
  public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
    throw new UnsupportedOperationException("a write-behind store is its own cache");
  }

  @Override
  public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
    return this;
  }

  @Override
  public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
    bytes.withLoggingEnabled(config);
    return this;
  }

  @Override
  public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
    bytes.withLoggingDisabled();
    return this;
  }

  @Override
  public KeyValueStore<K, V> build() {
    return new WriteBehindKeyValueStore<>(bytes.build(), keySerde, valueSerde);
  }

  @Override
  public Map<String, String> logConfig() {
    return bytes.logConfig();
  }

  @Override
  public boolean loggingEnabled() {
    return bytes.loggingEnabled();
  }

  @Override
  public String name() {
    return bytes.name();
  }
}
