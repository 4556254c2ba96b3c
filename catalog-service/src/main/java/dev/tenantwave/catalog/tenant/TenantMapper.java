package dev.tenantwave.catalog.tenant;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Between the tenant and its table row, whose flags, integrations and maintenance windows are JSON text. */
@Singleton
public class TenantMapper {

  /** The JSON of one element of the {@code integrations} column. */
  @Serdeable
  record StoredIntegration(String name, String apiVersion) {}

  /** The JSON of one element of the {@code maintenance_windows} column. */
  @Serdeable
  record StoredWindow(List<String> days, String start, String end, String zone) {}

  private static final Argument<Map<String, Boolean>> FLAGS = Argument.mapOf(String.class, Boolean.class);
  private static final Argument<List<StoredIntegration>> INTEGRATIONS = Argument.listOf(StoredIntegration.class);
  private static final Argument<List<StoredWindow>> WINDOWS = Argument.listOf(StoredWindow.class);

  private final JsonMapper json;

  public TenantMapper(JsonMapper json) {
    this.json = json;
  }

  /** The row of a committed tenant. */
  public TenantRow toRow(Tenant t) {
    return new TenantRow(t.id(), t.displayName(), t.tier(), t.track(), t.region(), t.cell(), t.tenancy(),
        t.cluster(), t.database(), t.schema(), write(t.flags()),
        write(t.integrations().stream().map(i -> new StoredIntegration(i.name(), i.apiVersion())).toList()),
        write(t.maintenanceWindows().stream().map(w -> new StoredWindow(w.days(), w.start(), w.end(), w.zone()))
            .toList()),
        t.owner(), t.status(), t.version(), Instant.now());
  }

  /** The row's tenant; the jurisdiction is its region's, which the row does not hold. */
  public Tenant toTenant(TenantRow r, String jurisdiction) {
    return new Tenant(r.id(), r.displayName(), r.tier(), r.track(), r.region(), jurisdiction, r.cell(),
        r.tenancy(), r.cluster(), r.databaseName(), r.schemaName(), read(r.flags(), FLAGS),
        read(r.integrations(), INTEGRATIONS).stream()
            .map(i -> new Tenant.Integration(i.name(), i.apiVersion())).toList(),
        read(r.maintenanceWindows(), WINDOWS).stream()
            .map(w -> new Tenant.MaintenanceWindow(w.days(), w.start(), w.end(), w.zone())).toList(),
        r.owner(), r.status(), r.version());
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
