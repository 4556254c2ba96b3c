package dev.tenantwave.catalog.tenant;

import dev.tenantwave.catalog.residency.Residence;
import dev.tenantwave.service.placement.Placement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant as the catalog's core knows it: who it is, where it lives and how it is run. A requested tenant is not yet
 * checked ({@link TenantValidator}, residency, placement); a committed one has its version and the jurisdiction of
 * its region. Enumerated fields are the vocabulary's names ({@link TenantEnums}), kept as text so that a wrong one
 * can be reported as such. {@code jurisdiction} and {@code schema} may be null; the collections never are.
 */
public record Tenant(
    String id,
    String displayName,
    String tier,
    String track,
    String region,
    String jurisdiction,
    String cell,
    String tenancy,
    String cluster,
    String database,
    String schema,
    Map<String, Boolean> flags,
    List<Integration> integrations,
    List<MaintenanceWindow> maintenanceWindows,
    String owner,
    String status,
    Long version) {

  public static final String DEFAULT_STATUS = "ACTIVE";

  public record Integration(String name, String apiVersion) {}

  public record MaintenanceWindow(List<String> days, String start, String end, String zone) {

    public MaintenanceWindow {
      days = frozen(days);
    }
  }

  public Tenant {
    flags = flags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    integrations = frozen(integrations);
    maintenanceWindows = frozen(maintenanceWindows);
  }

  public Tenant withId(String newId) {
    return new Tenant(newId, displayName, tier, track, region, jurisdiction, cell, tenancy, cluster, database, schema,
        flags, integrations, maintenanceWindows, owner, status, version);
  }

  /** The tenant placed elsewhere; its jurisdiction is the new region's, known once it is committed. */
  public Tenant placedAt(String newRegion, String newCell, String newCluster, String newDatabase, String newSchema) {
    return new Tenant(id, displayName, tier, track, newRegion, null, newCell, tenancy, newCluster, newDatabase,
        newSchema, flags, integrations, maintenanceWindows, owner, status, version);
  }

  /** The tenant as written at {@code newVersion}, in its region's jurisdiction, {@code ACTIVE} unless told. */
  public Tenant committed(long newVersion, String regionJurisdiction) {
    return new Tenant(id, displayName, tier, track, region, regionJurisdiction, cell, tenancy, cluster, database,
        schema, flags, integrations, maintenanceWindows, owner, status == null ? DEFAULT_STATUS : status, newVersion);
  }

  public Residence residence() {
    return new Residence(id, region, cell, cluster, tenancy, jurisdiction);
  }

  public Placement placement() {
    return new Placement(id, tenancy, cluster, database, schema);
  }

  /** An unmodifiable copy; unlike {@code List.copyOf} it keeps null elements, which the validator reports. */
  private static <T> List<T> frozen(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
