package dev.tenantwave.e2e;

import dev.tenantwave.testsupport.CrmDatabases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * The tenants of one run: spread over eu-west (EU) and us-east (US), over the three tenancy models and over the
 * INTERNAL and GENERAL tracks, each with its CRM data in the test PostgreSQL (a POOLED database and a database of
 * SCHEMA tenants per region, a database per DATABASE tenant), and one catalog flag naming the run, so that a plan can
 * take this run's tenants only when the catalog holds others too.
 */
final class Fleet {

  static final List<String> REGIONS = List.of("eu-west", "us-east");
  private static final String[] MODELS = {"POOLED", "SCHEMA", "DATABASE"};

  /** One tenant and where its data lives. */
  record Tenant(String id, String region, String track, String tier, String tenancy, String database,
                String schema) {

    String cluster() {
      return clusterOf(region);
    }

    boolean pooled() {
      return tenancy.equals("POOLED");
    }
  }

  private final String runId;
  private final Map<String, Tenant> tenants;
  private final Tenant bad;

  private Fleet(String runId, Map<String, Tenant> tenants, Tenant bad) {
    this.runId = runId;
    this.tenants = tenants;
    this.bad = bad;
  }

  /**
   * {@code size} tenants of run {@code runId} (lower case, digits and '_'): alternately in each region, every tenth
   * of a region on the INTERNAL track, the tenancy models in turn. The bad tenant is eu-west's first GENERAL
   * DATABASE tenant, so that its rollback can be seen in a database of its own.
   */
  static Fleet of(String runId, int size) {
    return of(runId, size, inRegion -> MODELS[inRegion % MODELS.length]);
  }

  /**
   * {@code size} tenants as in {@link #of}, but most of them POOLED: in each region every fifth a SCHEMA tenant and
   * every 25th a DATABASE tenant (all GENERAL), so that a fleet of a thousand needs tens of databases, not hundreds.
   */
  static Fleet mostlyPooled(String runId, int size) {
    return of(runId, size, inRegion -> inRegion % 25 == 1 ? "DATABASE" : inRegion % 5 == 2 ? "SCHEMA" : "POOLED");
  }

  private static Fleet of(String runId, int size, IntFunction<String> tenancyOf) {
    if (size < 12) {
      throw new IllegalArgumentException("a fleet needs at least 12 tenants for every region, track and model");
    }
    String prefix = runId.replace('_', '-');
    Map<String, Tenant> tenants = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      String region = REGIONS.get(i % REGIONS.size());
      int inRegion = i / REGIONS.size();
      String tenancy = tenancyOf.apply(inRegion);
      String id = prefix + "-" + region.substring(0, 2) + "-" + String.format("%03d", inRegion);
      String database = switch (tenancy) {
        case "POOLED" -> runId + "_pooled_" + region.replace('-', '_');
        case "SCHEMA" -> runId + "_schemas_" + region.replace('-', '_');
        default -> runId + "_" + id.substring(prefix.length() + 1).replace('-', '_');
      };
      tenants.put(id, new Tenant(id, region, inRegion % 10 == 0 ? "INTERNAL" : "GENERAL",
          inRegion % 4 == 1 ? "FREE" : "SMB", tenancy, database,
          tenancy.equals("SCHEMA") ? "t_" + id.substring(prefix.length() + 1).replace('-', '_') : null));
    }
    Tenant bad = tenants.values().stream()
        .filter(t -> t.region().equals("eu-west") && t.track().equals("GENERAL") && t.tenancy().equals("DATABASE"))
        .findFirst().orElseThrow();
    return new Fleet(runId, tenants, bad);
  }

  static String clusterOf(String region) {
    return "pg-" + region + "-a";
  }

  static String cellOf(String region) {
    return region + "-1";
  }

  static String jurisdictionOf(String region) {
    return region.startsWith("eu-") ? "EU" : "US";
  }

  /** The catalog flag every tenant of this run carries. */
  String flag() {
    return "e2e-" + runId.replace('_', '-');
  }

  List<Tenant> tenants() {
    return List.copyOf(tenants.values());
  }

  Tenant get(String tenantId) {
    return Objects.requireNonNull(tenants.get(tenantId), () -> "not a tenant of this run: " + tenantId);
  }

  String regionOf(String tenantId) {
    return get(tenantId).region();
  }

  Tenant bad() {
    return bad;
  }

  List<Tenant> healthy() {
    return tenants.values().stream().filter(t -> !t.equals(bad)).toList();
  }

  /** Creates every tenant's tables and deals: shared databases first, then the tenants side by side. */
  void seed(CrmDatabases crm, int dealsPerTenant) {
    tenants.values().stream().filter(Tenant::pooled).map(Tenant::database).distinct()
        .forEach(crm::createPooledDatabase);
    tenants.values().stream().filter(t -> t.tenancy().equals("SCHEMA")).map(Tenant::database).distinct()
        .forEach(crm::createDatabase);
    tenants.values().parallelStream().forEach(t -> {
      switch (t.tenancy()) {
        case "SCHEMA" -> crm.createSchema(t.database(), t.schema());
        case "DATABASE" -> crm.createTenantDatabase(t.database());
        default -> { }
      }
      crm.insertDeals(t.database(), t.schema(), t.id(), dealsPerTenant);
    });
  }

  /** The tenants as the catalog's bulk import takes them. */
  List<Map<String, Object>> catalogDocuments() {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Tenant t : tenants.values()) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("id", t.id());
      document.put("displayName", "CRM customer " + t.id());
      document.put("tier", t.tier());
      document.put("track", t.track());
      document.put("region", t.region());
      document.put("cell", cellOf(t.region()));
      document.put("tenancy", t.tenancy());
      document.put("cluster", t.cluster());
      document.put("database", t.database());
      if (t.schema() != null) {
        document.put("schema", t.schema());
      }
      document.put("flags", Map.of(flag(), true));
      document.put("owner", "team-" + t.region());
      documents.add(document);
    }
    return documents;
  }
}
