package dev.tenantwave.gate.topology;

import dev.tenantwave.gate.judging.WindowTotals;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link WindowTotals} in the open-window and per-version stores, written once per dirty window and commit: a format
 * byte, the fixed fields, the sketch's relative accuracy and zero count, then its non-empty bins straight from the
 * primitive array, each as a zig-zag varint index delta and a count (a varint when the count is whole, which request
 * counts are, else a marker and the double). About 2-3 bytes a bin, written in one pass through a per-thread scratch
 * buffer: DDSketch's own encoder did the same through a byte-at-a-time interface and cost a fifth of the stream
 * thread, and a first pass that sized the value cost as much as writing it.
 */
final class WindowTotalsSerde implements Serde<WindowTotals> {

  private static final byte FORMAT_4 = 4;
  private static final long WHOLE_LIMIT = 1L << 52;
  private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(4096));

  @Override
  public Serializer<WindowTotals> serializer() {
    return (topic, totals) -> totals == null ? null : write(totals);
  }

  @Override
  public Deserializer<WindowTotals> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  static byte[] write(WindowTotals t) {
    byte[] tenant = t.tenantId().getBytes(StandardCharsets.UTF_8);
    byte[] version = t.appVersion().getBytes(StandardCharsets.UTF_8);
    double[] bins = t.bins();
    int offset = t.binOffset();
    // One pass into a scratch buffer large enough for the worst case (a bin: 5-byte index delta, 9-byte count).
    ByteBuffer buffer = scratch(1 + 4 + tenant.length + 4 + version.length + 7 * 8 + 2 * 8 + 4 + 14 * bins.length);
    buffer.put(FORMAT_4);
    buffer.putInt(tenant.length).put(tenant);
    buffer.putInt(version.length).put(version);
    buffer.putLong(t.windowStart()).putLong(t.windowEnd()).putLong(t.records()).putLong(t.requests())
        .putLong(t.status4xx()).putLong(t.status5xx()).putLong(t.timeouts());
    buffer.putDouble(t.relativeAccuracy()).putDouble(t.zeroCount());
    int writtenAt = buffer.position();
    buffer.putInt(0);
    int written = 0;
    int previous = 0;
    for (int i = 0; i < bins.length; i++) {
      double count = bins[i];
      if (count == 0) {
        continue;
      }
      putVarLong(buffer, zigZag(offset + i - previous));
      if (isWhole(count)) {
        putVarLong(buffer, ((long) count) << 1);
      } else {
        buffer.put((byte) 1).putDouble(count);
      }
      previous = offset + i;
      written++;
    }
    buffer.putInt(writtenAt, written);
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  /** This thread's scratch buffer, cleared, with at least that capacity (stream threads share the serde). */
  private static ByteBuffer scratch(int capacity) {
    ByteBuffer buffer = SCRATCH.get();
    if (buffer.capacity() < capacity) {
      buffer = ByteBuffer.allocate(Math.max(capacity, 2 * buffer.capacity()));
      SCRATCH.set(buffer);
    }
    return buffer.clear();
  }

  private static boolean isWhole(double count) {
    return count == Math.rint(count) && count > 0 && count < WHOLE_LIMIT;
  }

  static WindowTotals read(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte format = buffer.get();
    if (format != FORMAT_4) {
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
    double relativeAccuracy = buffer.getDouble();
    double zeroCount = buffer.getDouble();
    int written = buffer.getInt();
    int[] indexes = new int[written];
    double[] counts = new double[written];
    int index = 0;
    for (int k = 0; k < written; k++) {
      long delta = getVarLong(buffer);
      index += (int) ((delta >>> 1) ^ -(delta & 1));
      long count = getVarLong(buffer);
      indexes[k] = index;
      counts[k] = (count & 1) == 0 ? (double) (count >>> 1) : buffer.getDouble();
    }
    int offset = written == 0 ? 0 : indexes[0];
    double[] bins = written == 0 ? new double[0] : new double[indexes[written - 1] - offset + 1];
    for (int k = 0; k < written; k++) {
      bins[indexes[k] - offset] = counts[k];
    }
    return new WindowTotals(tenant, version, start, end, records, requests, status4xx, status5xx, timeouts,
        relativeAccuracy, zeroCount, offset, bins);
  }

  private static long zigZag(int delta) {
    return ((delta << 1) ^ (delta >> 31)) & 0xFFFFFFFFL;
  }

  private static void putVarLong(ByteBuffer buffer, long value) {
    while ((value & ~0x7FL) != 0) {
      buffer.put((byte) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    buffer.put((byte) value);
  }

  private static long getVarLong(ByteBuffer buffer) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = buffer.get();
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new SerializationException("Malformed varint in window totals");
  }

  private static String getString(ByteBuffer buffer) {
    int length = buffer.getInt();
    String s = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
    buffer.position(buffer.position() + length);
    return s;
  }
}
