package dev.tenantwave.gate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.gate.judging.DoubleList;
import dev.tenantwave.gate.judging.IntList;
import dev.tenantwave.gate.judging.LatencySketches;
import dev.tenantwave.gate.judging.RequestTotals;
import dev.tenantwave.gate.judging.WindowTotals;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class MetricsDatumReaderTest {

  private static final Schema SCHEMA = TenantRequestMetrics.getClassSchema();

  @Test
  void shouldReadWhatAvrosOwnReaderReads() throws IOException {
    // Given a record with bins from 1 µs to 24 h, a fractional count and zero latencies, written by Avro
    DDSketch sketch = LatencySketches.newSketch(0.01);
    sketch.accept(0.001, 2.5);
    sketch.accept(0.0, 3);
    for (int i = 0; i < 400; i++) {
      sketch.accept(Math.pow(1.021, i), 1 + i % 3); // one bin each
    }
    sketch.accept(86_400_000.0, 1);
    TenantRequestMetrics written = GateEvents.metrics("acme-eu", "v2.3.1", 1_700_000_000_000L, 1_234, 17, 3, sketch);
    byte[] bytes = write(written);

    // When the gate's reader and Avro's read it
    TenantRequestMetrics read = read(bytes);
    TenantRequestMetrics avro = new SpecificDatumReader<TenantRequestMetrics>(SCHEMA, SCHEMA)
        .read(null, DecoderFactory.get().binaryDecoder(bytes, null));

    // Then both hold the same values, the bins in primitive lists, and they add up to the same totals
    assertThat(read).isEqualTo(avro).isEqualTo(written);
    assertThat(read.getLatency().getIndexes()).isInstanceOf(IntList.class).hasSizeGreaterThan(256);
    assertThat(read.getLatency().getCounts()).isInstanceOf(DoubleList.class);
    assertThat(totals(read)).usingRecursiveComparison().isEqualTo(totals(avro));
    assertThat(RequestTotals.invalidReason(read)).isNull();
  }

  @Test
  void shouldReadArraysWrittenInSeveralBlocks() throws IOException {
    // Given a record whose arrays an encoder wrote in blocks of a few items
    DDSketch sketch = LatencySketches.newSketch(0.01);
    for (int i = 0; i < 50; i++) {
      sketch.accept(10.0 + i, 1);
    }
    TenantRequestMetrics written = GateEvents.metrics("t", "v", 0, 50, 0, 0, sketch);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Encoder blocking = new EncoderFactory().configureBlockSize(64).blockingBinaryEncoder(out, null);
    new SpecificDatumWriter<TenantRequestMetrics>(SCHEMA).write(written, blocking);
    blocking.flush();
    byte[] bytes = out.toByteArray();
    assertThat(bytes).isNotEqualTo(write(written));

    // When the gate's reader reads it
    TenantRequestMetrics read = read(bytes);

    // Then it is the record
    assertThat(read).isEqualTo(written);
  }

  @Test
  void shouldLetTheValidationSeeBadBins() throws IOException {
    // Given records with descending indexes and a negative count
    TenantRequestMetrics descending = GateEvents.metrics("t", "v", 0, 2, 0, 0, 20.0);
    descending.getLatency().setIndexes(List.of(300, 200));
    descending.getLatency().setCounts(List.of(1.0, 1.0));
    TenantRequestMetrics negative = GateEvents.metrics("t", "v", 0, 2, 0, 0, 20.0);
    negative.getLatency().setCounts(List.of(-2.0));

    // When the gate's reader reads them, then the validation rejects them
    assertThat(RequestTotals.invalidReason(read(write(descending)))).contains("ascending");
    assertThat(RequestTotals.invalidReason(read(write(negative)))).contains("negative");
  }

  @Test
  void shouldFailOnAHostileBinCountWithoutAllocatingIt() throws IOException {
    // Given a record cut right after its sketch's accuracy, then an index array that announces 2^31 - 9 items
    TenantRequestMetrics empty = GateEvents.metrics("t", "v", 0, 0, 0, 0, 20.0);
    assertThat(empty.getLatency().getIndexes()).isEmpty();
    byte[] bytes = write(empty); // ..., accuracy, [] (1 byte), [] (1 byte), zeroCount (8 bytes)
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, bytes.length - 10);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    encoder.writeLong(Integer.MAX_VALUE - 9);
    encoder.writeInt(7);
    encoder.flush();

    // When the gate's reader reads it, then it runs out of bytes (rather than out of memory)
    assertThatThrownBy(() -> read(out.toByteArray())).isInstanceOf(EOFException.class);
  }

  @Test
  void shouldLeaveOtherWriterSchemasToAvro() {
    // Given the gate's datum provider, configured as Apicurio configures it
    MetricsDatumProvider<Object> provider = new MetricsDatumProvider<>();
    provider.configure(new AvroSerdeConfig(Map.of(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, "true")));
    Schema older = SchemaBuilder.record(SCHEMA.getName()).namespace(SCHEMA.getNamespace()).fields()
        .requiredString("tenantId").endRecord();

    // When it is asked for readers, then its own layout gets the gate's reader and any other Avro's
    assertThat(provider.createDatumReader(new Schema.Parser().parse(SCHEMA.toString())))
        .isInstanceOf(MetricsDatumReader.class);
    assertThat(provider.createDatumReader(older)).isInstanceOf(SpecificDatumReader.class);
  }

  private static WindowTotals totals(TenantRequestMetrics m) {
    return new WindowTotals(m.getTenantId(), m.getAppVersion(), 0, 10_000, 0.01).add(m).add(m);
  }

  private static TenantRequestMetrics read(byte[] bytes) throws IOException {
    return new MetricsDatumReader().read(null, DecoderFactory.get().binaryDecoder(bytes, null));
  }

  private static byte[] write(TenantRequestMetrics m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<TenantRequestMetrics>(SCHEMA).write(m, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
