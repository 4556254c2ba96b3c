package dev.tenantwave.gate.topology;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import dev.tenantwave.gate.judging.WindowTotals;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link WindowTotals} in the open-window and per-version stores, written at every metric record: a format byte,
 * the fixed fields, then the sketch in DDSketch's own binary encoding (varint bin deltas and counts), straight
 * from and into its primitive store.
 */
final class WindowTotalsSerde implements Serde<WindowTotals> {

  private static final byte FORMAT_2 = 2;

  @Override
  public Serializer<WindowTotals> serializer() {
    return (topic, totals) -> totals == null ? null : write(totals);
  }

  @Override
  public Deserializer<WindowTotals> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  static byte[] write(WindowTotals t) {
    GrowingByteArrayOutput sketch = GrowingByteArrayOutput.withInitialCapacity(512);
    try {
      t.latency().encode(sketch, false);
    } catch (IOException e) {
      throw new SerializationException("Cannot encode the latency sketch", e);
    }
    byte[] tenant = t.tenantId().getBytes(StandardCharsets.UTF_8);
    byte[] version = t.appVersion().getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(1 + 4 + tenant.length + 4 + version.length + 7 * 8
        + sketch.numWrittenBytes());
    buffer.put(FORMAT_2);
    buffer.putInt(tenant.length).put(tenant);
    buffer.putInt(version.length).put(version);
    buffer.putLong(t.windowStart()).putLong(t.windowEnd()).putLong(t.records()).putLong(t.requests())
        .putLong(t.status4xx()).putLong(t.status5xx()).putLong(t.timeouts());
    buffer.put(sketch.backingArray(), 0, sketch.numWrittenBytes());
    return buffer.array();
  }

  static WindowTotals read(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte format = buffer.get();
    if (format != FORMAT_2) {
      throw new SerializationException("Unknown window totals format " + format);
    }
    String tenant = getString(buffer);
    String version = getString(buffer);
    long start = buffer.getLong();
    long end = buffer.getLong();
    long records = buffer.getLong();
    long requests = buffer.getLong();
    long status4xx = buffer.getLong();
    long status5xx = buffer.getLong();
    long timeouts = buffer.getLong();
    DDSketch latency;
    try {
      latency = DDSketch.decode(ByteArrayInput.wrap(bytes, buffer.position(), buffer.remaining()),
          UnboundedSizeDenseStore::new);
    } catch (IOException e) {
      throw new SerializationException("Cannot decode the latency sketch", e);
    }
    return new WindowTotals(tenant, version, start, end, records, requests, status4xx, status5xx, timeouts, latency);
  }

  private static String getString(ByteBuffer buffer) {
    int length = buffer.getInt();
    String s = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
    buffer.position(buffer.position() + length);
    return s;
  }
}
