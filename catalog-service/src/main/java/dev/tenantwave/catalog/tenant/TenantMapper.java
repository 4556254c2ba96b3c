package dev.tenantwave.catalog.tenant;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Between the API document and the table row. */
@Singleton
public class TenantMapper {

  private static final Argument<Map<String, Boolean>> FLAGS = Argument.mapOf(String.class, Boolean.class);
  private static final Argument<List<TenantDocument.Integration>> INTEGRATIONS =
      Argument.listOf(TenantDocument.Integration.class);
  private static final Argument<List<TenantDocument.MaintenanceWindow>> WINDOWS =
      Argument.listOf(TenantDocument.MaintenanceWindow.class);

  private final JsonMapper json;

  public TenantMapper(JsonMapper json) {
    this.json = json;
  }

  public TenantRow toRow(TenantDocument t, long version) {
    return new TenantRow(t.id(), t.displayName(), t.tier(), t.track(), t.region(), t.cell(), t.tenancy(),
        t.cluster(), t.database(), t.schema(), write(t.flags() == null ? Map.of() : t.flags()),
        write(t.integrations() == null ? List.of() : t.integrations()),
        write(t.maintenanceWindows() == null ? List.of() : t.maintenanceWindows()), t.owner(),
        t.status() == null ? "ACTIVE" : t.status(), version, Instant.now());
  }

  public TenantDocument toDocument(TenantRow r, String jurisdiction) {
    return new TenantDocument(r.id(), r.displayName(), r.tier(), r.track(), r.region(), jurisdiction, r.cell(),
        r.tenancy(), r.cluster(), r.databaseName(), r.schemaName(), read(r.flags(), FLAGS),
        read(r.integrations(), INTEGRATIONS), read(r.maintenanceWindows(), WINDOWS), r.owner(), r.status(),
        r.version());
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> T read(String text, Argument<T> type) {
    try {
      return json.readValue(text, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
