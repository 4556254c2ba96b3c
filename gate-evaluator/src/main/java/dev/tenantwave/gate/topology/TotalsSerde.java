package dev.tenantwave.gate.topology;

import dev.tenantwave.events.LatencySketch;
import dev.tenantwave.events.TenantRequestMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Request totals in the open-window and per-version stores, written at every metric record: a fixed binary layout
 * (format byte, fields, then the sketch bins as int/double pairs), several times cheaper than Avro's generic writer
 * over boxed lists, which dominated the profile.
 */
final class TotalsSerde implements Serde<TenantRequestMetrics> {

  private static final byte FORMAT_1 = 1;

  @Override
  public Serializer<TenantRequestMetrics> serializer() {
    return (topic, m) -> m == null ? null : write(m);
  }

  @Override
  public Deserializer<TenantRequestMetrics> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  static byte[] write(TenantRequestMetrics m) {
    byte[] tenant = utf8(m.getTenantId());
    byte[] service = utf8(m.getService());
    byte[] instance = utf8(m.getInstance());
    byte[] version = utf8(m.getAppVersion());
    LatencySketch latency = m.getLatency();
    int bins = latency.getIndexes().size();
    ByteBuffer buffer = ByteBuffer.allocate(1 + 16 + 8 * 8 + 4 * 4 + tenant.length + service.length
        + instance.length + version.length + 8 + 8 + 4 + bins * 12);
    buffer.put(FORMAT_1);
    buffer.putLong(m.getEventId().getMostSignificantBits()).putLong(m.getEventId().getLeastSignificantBits());
    buffer.putLong(m.getSequence());
    putString(buffer, tenant);
    putString(buffer, service);
    putString(buffer, instance);
    putString(buffer, version);
    buffer.putLong(m.getWindowStart().toEpochMilli()).putLong(m.getWindowEnd().toEpochMilli());
    buffer.putLong(m.getRequests()).putLong(m.getStatus4xx()).putLong(m.getStatus5xx()).putLong(m.getTimeouts());
    buffer.putDouble(latency.getRelativeAccuracy()).putDouble(latency.getZeroCount()).putInt(bins);
    for (int i = 0; i < bins; i++) {
      buffer.putInt(latency.getIndexes().get(i)).putDouble(latency.getCounts().get(i));
    }
    return buffer.array();
  }

  static TenantRequestMetrics read(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte format = buffer.get();
    if (format != FORMAT_1) {
      throw new SerializationException("Unknown request totals format " + format);
    }
    UUID eventId = new UUID(buffer.getLong(), buffer.getLong());
    long sequence = buffer.getLong();
    String tenant = getString(buffer);
    String service = getString(buffer);
    String instance = getString(buffer);
    String version = getString(buffer);
    Instant start = Instant.ofEpochMilli(buffer.getLong());
    Instant end = Instant.ofEpochMilli(buffer.getLong());
    long requests = buffer.getLong();
    long status4xx = buffer.getLong();
    long status5xx = buffer.getLong();
    long timeouts = buffer.getLong();
    double relativeAccuracy = buffer.getDouble();
    double zeroCount = buffer.getDouble();
    int bins = buffer.getInt();
    List<Integer> indexes = new ArrayList<>(bins);
    List<Double> counts = new ArrayList<>(bins);
    for (int i = 0; i < bins; i++) {
      indexes.add(buffer.getInt());
      counts.add(buffer.getDouble());
    }
    return new TenantRequestMetrics(eventId, sequence, tenant, service, instance, version, start, end, requests,
        status4xx, status5xx, timeouts, new LatencySketch(relativeAccuracy, indexes, counts, zeroCount));
  }

  private static void putString(ByteBuffer buffer, byte[] bytes) {
    buffer.putInt(bytes.length).put(bytes);
  }

  private static String getString(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.getInt()];
    buffer.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
