package dev.tenantwave.gate.topology;

import dev.tenantwave.events.serde.SchemaCachingDatumProvider;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;

/**
 * The gate's Avro datum provider for {@code tenant.metrics.v1} (Apicurio's {@code apicurio.registry.avro-datum-provider}):
 * records written with this build's own {@code TenantRequestMetrics} schema are read by {@link MetricsDatumReader},
 * without boxing the sketch's bins; any other writer schema (an older or newer publisher, another type) takes
 * Avro's resolving reader, as everywhere else.
 */
public class MetricsDatumProvider<T> extends SchemaCachingDatumProvider<T> {

  private final ConcurrentHashMap<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

  @Override
  @SuppressWarnings("unchecked")
  public DatumReader<T> createDatumReader(Schema writer) {
    DatumReader<T> reader = readers.get(writer);
    return reader != null ? reader : readers.computeIfAbsent(writer, schema -> MetricsDatumReader.reads(schema)
        ? (DatumReader<T>) new MetricsDatumReader() : super.createDatumReader(schema));
  }
}
