package dev.tenantwave.gate.topology;

import dev.tenantwave.events.LatencySketch;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.gate.judging.DoubleList;
import dev.tenantwave.gate.judging.IntList;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;

/**
 * Reads a {@link TenantRequestMetrics} written with this build's own schema, field by field, into the generated
 * class, with the sketch's bins in primitive arrays ({@link IntList}, {@link DoubleList}): Avro's reader boxes every
 * bin index and count (about 70 objects a record) and walks its field actions generically, which was about a
 * fifth of the gate's stream thread. The result equals what Avro's {@code SpecificDatumReader} returns
 * ({@code MetricsDatumReaderTest}); records written with any other schema take Avro's resolving reader
 * ({@link MetricsDatumProvider}).
 */
final class MetricsDatumReader implements DatumReader<TenantRequestMetrics> {

  private static final long OWN_SCHEMA = SchemaNormalization.parsingFingerprint64(TenantRequestMetrics.SCHEMA$);
  /** Bins allocated before reading any: a count beyond it grows the arrays as values arrive. */
  private static final int INITIAL_BINS = 256;

  /**
   * Whether records written with {@code writer} have exactly this reader's binary layout: same parsing canonical
   * form (field order, names and types). Docs, defaults and logical types are not in it, and Avro's own reader
   * ignores those of the writer too (it converts with the reader schema's logical types).
   */
  static boolean reads(Schema writer) {
    return SchemaNormalization.parsingFingerprint64(writer) == OWN_SCHEMA;
  }

  @Override
  public void setSchema(Schema schema) {
    if (!reads(schema)) {
      throw new IllegalArgumentException("reads " + TenantRequestMetrics.SCHEMA$.getFullName()
          + " in its own layout only, not " + schema);
    }
  }

  @Override
  public TenantRequestMetrics read(TenantRequestMetrics reuse, Decoder in) throws IOException {
    TenantRequestMetrics m = new TenantRequestMetrics();
    m.setEventId(UUID.fromString(in.readString()));
    m.setSequence(in.readLong());
    m.setTenantId(in.readString());
    m.setService(in.readString());
    m.setInstance(in.readString());
    m.setAppVersion(in.readString());
    m.setWindowStart(Instant.ofEpochMilli(in.readLong()));
    m.setWindowEnd(Instant.ofEpochMilli(in.readLong()));
    m.setRequests(in.readLong());
    m.setStatus4xx(in.readLong());
    m.setStatus5xx(in.readLong());
    m.setTimeouts(in.readLong());
    LatencySketch latency = new LatencySketch();
    latency.setRelativeAccuracy(in.readDouble());
    latency.setIndexes(readInts(in));
    latency.setCounts(readDoubles(in));
    latency.setZeroCount(in.readDouble());
    m.setLatency(latency);
    return m;
  }

  /** An Avro array of ints: blocks of items until a block of none (the decoder checks Avro's collection limit). */
  private static IntList readInts(Decoder in) throws IOException {
    int[] values = new int[0];
    int size = 0;
    for (long block = in.readArrayStart(); block > 0; block = in.arrayNext()) {
      for (long i = 0; i < block; i++) {
        if (size == values.length) {
          values = Arrays.copyOf(values, grown(size, block - i));
        }
        values[size++] = in.readInt();
      }
    }
    return new IntList(values, size);
  }

  private static DoubleList readDoubles(Decoder in) throws IOException {
    double[] values = new double[0];
    int size = 0;
    for (long block = in.readArrayStart(); block > 0; block = in.arrayNext()) {
      for (long i = 0; i < block; i++) {
        if (size == values.length) {
          values = Arrays.copyOf(values, grown(size, block - i));
        }
        values[size++] = in.readDouble();
      }
    }
    return new DoubleList(values, size);
  }

  /**
   * Room for what the block announces, but never more than {@link #INITIAL_BINS} (or double) ahead of what was
   * read: a hostile count fails on the missing bytes, not by allocating it.
   */
  private static int grown(int size, long announced) {
    return (int) Math.min((long) size + announced, Math.max(INITIAL_BINS, 2L * size));
  }
}
