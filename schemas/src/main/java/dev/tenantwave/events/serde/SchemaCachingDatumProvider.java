package dev.tenantwave.events.serde;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Apicurio's {@link DefaultAvroDatumProvider}, minus its per-record cost: it keys its reader and writer caches by
 * the schema's parsing fingerprint, which it recomputes (canonical form, then a 64-bit Rabin hash) for every record
 * it reads or writes. The registry resolver hands out the same parsed {@link Schema} for the same id, and Avro
 * caches a schema's hash code, so a map keyed by the schema itself finds the reader or writer without that work.
 */
public class SchemaCachingDatumProvider<T> extends DefaultAvroDatumProvider<T> {

  private final ConcurrentHashMap<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Schema, DatumWriter<T>> specificWriters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Schema, DatumWriter<T>> genericWriters = new ConcurrentHashMap<>();

  @Override
  public DatumReader<T> createDatumReader(Schema schema) {
    DatumReader<T> reader = readers.get(schema);
    return reader != null ? reader : readers.computeIfAbsent(schema, super::createDatumReader);
  }

  @Override
  public DatumWriter<T> createDatumWriter(T data, Schema schema) {
    ConcurrentHashMap<Schema, DatumWriter<T>> writers =
        data instanceof SpecificRecord ? specificWriters : genericWriters;
    DatumWriter<T> writer = writers.get(schema);
    return writer != null ? writer : writers.computeIfAbsent(schema, s -> super.createDatumWriter(data, s));
  }
}
