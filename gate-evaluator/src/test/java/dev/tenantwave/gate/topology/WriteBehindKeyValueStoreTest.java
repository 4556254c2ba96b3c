package dev.tenantwave.gate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.gate.judging.WindowTotals;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.internals.InMemoryKeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriteBehindKeyValueStoreTest {

  private final RecordingStore below = new RecordingStore();
  private final WriteBehindKeyValueStore<String, WindowTotals> store =
      new WriteBehindKeyValueStore<>(below, Serdes.String(), new WindowTotalsSerde());

  @BeforeEach
  void init() {
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  @Test
  void shouldWriteEachDirtyKeyOnceInItsLatestStateWhenTheCacheIsFlushed() {
    // Given a window changed in place and put four times, and another window put once
    WindowTotals window = window("t-1");
    for (int i = 0; i < 4; i++) {
      window.add(GateEvents.metrics("t-1", "v2", 0, 10, 1, 0, 35.0));
      store.put("t-1|v2|10000", window);
    }
    store.put("t-2|v2|10000", window("t-2"));

    // Then nothing reaches the store below before the flush
    assertThat(below.writes).isEmpty();

    // When Streams flushes the caches before committing
    store.flushCache();

    // Then each key was written once, with everything that was added to it
    assertThat(below.writes).extracting(write -> write.key).containsExactlyInAnyOrder("t-1|v2|10000", "t-2|v2|10000");
    WindowTotals written = WindowTotalsSerde.read(below.get(bytes("t-1|v2|10000")));
    assertThat(written.records()).isEqualTo(4);
    assertThat(written.requests()).isEqualTo(40);
    assertThat(written.status5xx()).isEqualTo(4);
    assertThat(store.dirtyKeys()).isZero();
  }

  @Test
  void shouldReadItsOwnWritesBeforeTheFlushAndTheStoreBelowAfterIt() {
    WindowTotals window = window("t-1").add(GateEvents.metrics("t-1", "v2", 0, 10, 0, 0, 35.0));
    store.put("t-1|v2|10000", window);

    assertThat(store.get("t-1|v2|10000")).isSameAs(window);
    try (KeyValueIterator<String, WindowTotals> all = store.all()) {
      assertThat(all.next().value.requests()).isEqualTo(10);
      assertThat(all.hasNext()).isFalse();
    }
    store.flushCache();
    assertThat(store.get("t-1|v2|10000").requests()).isEqualTo(10);
    assertThat(store.get("unknown")).isNull();
  }

  @Test
  void shouldWriteATombstoneOnlyForAKeyTheStoreBelowHolds() {
    // Given a window that reached the store below, and one opened since the last flush
    store.put("flushed", window("t-1"));
    store.flushCache();
    below.writes.clear();
    store.put("new", window("t-2"));

    // When both are deleted before the next flush
    store.put("flushed", null);
    store.delete("new");
    assertThat(store.get("flushed")).isNull();
    store.flushCache();

    // Then only the flushed one gets a tombstone; the other never existed below
    assertThat(below.writes).containsExactly(new KeyValue<>("flushed", null));
    assertThat(below.get(bytes("flushed"))).isNull();
  }

  @Test
  void shouldDropWhatWasNotFlushedWhenTheCacheIsCleared() {
    // Given a window as committed, then changed by records whose transaction is aborted
    store.put("t-1|v2|10000", window("t-1").add(GateEvents.metrics("t-1", "v2", 0, 10, 0, 0, 35.0)));
    store.flushCache();
    below.writes.clear();
    store.put("t-1|v2|10000", window("t-1").add(GateEvents.metrics("t-1", "v2", 0, 99, 0, 0, 35.0)));

    // When Streams clears the caches (the task is corrupted and revived)
    store.clearCache();
    store.flushCache();

    // Then the committed state is what remains
    assertThat(below.writes).isEmpty();
    assertThat(store.get("t-1|v2|10000").requests()).isEqualTo(10);
  }

  @Test
  void shouldChangeItsGenerationWheneverTheDirtyKeysAreWrittenOrDropped() {
    // Given a window put, then changed in place while the generation stays the same
    WindowTotals window = window("t-1");
    store.put("t-1|v2|10000", window);
    long generation = store.generation();
    window.add(GateEvents.metrics("t-1", "v2", 0, 10, 1, 0, 35.0));

    // Then it is written in its latest state at the flush, which starts a new generation
    store.flushCache();
    assertThat(store.generation()).isNotEqualTo(generation);
    assertThat(WindowTotalsSerde.read(below.get(bytes("t-1|v2|10000"))).requests()).isEqualTo(10);

    // And a change after the flush is not written unless the window is put again
    window.add(GateEvents.metrics("t-1", "v2", 0, 10, 1, 0, 35.0));
    below.writes.clear();
    store.flushCache();
    assertThat(below.writes).isEmpty();

    // And dropping the dirty keys (an aborted transaction) starts a new generation as well
    store.put("t-1|v2|10000", window);
    generation = store.generation();
    store.clearCache();
    assertThat(store.generation()).isNotEqualTo(generation);
  }

  @Test
  void shouldBeFoundUnderTheDecoratorsAProcessorGets() {
    // Given a processor of a topology with a write-behind store, under the test driver
    List<StateStore> seen = new ArrayList<>();
    Topology topology = new Topology();
    topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "in");
    topology.addProcessor("probe", () -> new Processor<Object, Object, Object, Object>() {
      @Override
      public void init(ProcessorContext<Object, Object> context) {
        seen.add(context.getStateStore("probed"));
      }

      @Override
      public void process(Record<Object, Object> record) {}
    }, "in");
    topology.addStateStore(new WriteBehindStoreBuilder<>(Stores.inMemoryKeyValueStore("probed"), Serdes.String(),
        new WindowTotalsSerde()), "probe");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "write-behind-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");

    // When the processor starts
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
      // Then the store it gets is Streams' decorator, and the write-behind layer is found under it
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0)).isNotInstanceOf(WriteBehindKeyValueStore.class);
      assertThat(WriteBehindKeyValueStore.under(seen.get(0))).isNotNull();
    }
  }

  private static WindowTotals window(String tenant) {
    return new WindowTotals(tenant, "v2", 0, 10_000, 0.01);
  }

  private static Bytes bytes(String key) {
    return Bytes.wrap(Serdes.String().serializer().serialize(null, key));
  }

  /** The in-memory store, recording every write it gets (a null value is a tombstone). */
  private static final class RecordingStore extends InMemoryKeyValueStore {

    final List<KeyValue<String, byte[]>> writes = new ArrayList<>();

    RecordingStore() {
      super("write-behind-test");
    }

    @Override
    public synchronized void put(Bytes key, byte[] value) {
      writes.add(new KeyValue<>(Serdes.String().deserializer().deserialize(null, key.get()), value));
      super.put(key, value);
    }
  }
}
