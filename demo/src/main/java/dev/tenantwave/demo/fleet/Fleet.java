package dev.tenantwave.demo.fleet;

import dev.tenantwave.testsupport.CrmDatabases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * The tenants of one run, over regions, tracks, tiers and the three tenancy models, each with its CRM data in a
 * PostgreSQL server (a POOLED database and a database of SCHEMA tenants per region, a database per DATABASE tenant),
 * and one catalog flag naming the run, so that a plan can take this run's tenants only when the catalog holds others
 * too (an earlier demo, a long-lived stack).
 */
public final class Fleet {

  /** The regions of the end-to-end tests' fleets. */
  public static final List<String> REGIONS = List.of("eu-west", "us-east");
  /** The demo's regions: EU, US and LATAM jurisdictions. */
  public static final List<String> DEMO_REGIONS = List.of("eu-west", "us-east", "sa-east");
  private static final String[] MODELS = {"POOLED", "SCHEMA", "DATABASE"};

  /** One tenant and where its data lives. */
  public record Tenant(String id, String region, String track, String tier, String tenancy, String database,
                       String schema) {

    public String cluster() {
      return clusterOf(region);
    }

    public boolean pooled() {
      return tenancy.equals("POOLED");
    }
  }

  /** Track, tier and tenancy of the n-th tenant of a region. */
  private record Shape(String track, String tier, String tenancy) {}

  private final String runId;
  private final List<String> regions;
  private final Map<String, Tenant> tenants;
  private final Tenant bad;
  private final Tenant slow;

  private Fleet(String runId, List<String> regions, Map<String, Tenant> tenants, Tenant bad, Tenant slow) {
    this.runId = runId;
    this.regions = regions;
    this.tenants = tenants;
    this.bad = bad;
    this.slow = slow;
  }

  /**
   * {@code size} tenants of run {@code runId} (lower case, digits and '_'): alternately in eu-west and us-east, every
   * tenth of a region on the INTERNAL track, the tenancy models in turn. The bad tenant is eu-west's first GENERAL
   * DATABASE tenant, so that its rollback can be seen in a database of its own.
   */
  public static Fleet of(String runId, int size) {
    return of(runId, size, REGIONS, inRegion -> new Shape(inRegion % 10 == 0 ? "INTERNAL" : "GENERAL",
        inRegion % 4 == 1 ? "FREE" : "SMB", MODELS[inRegion % MODELS.length]));
  }

  /**
   * {@code size} tenants as in {@link #of}, but most of them POOLED: in each region every fifth a SCHEMA tenant and
   * every 25th a DATABASE tenant (all GENERAL), so that a fleet of a thousand needs tens of databases, not hundreds.
   */
  public static Fleet mostlyPooled(String runId, int size) {
    return of(runId, size, REGIONS, inRegion -> new Shape(inRegion % 10 == 0 ? "INTERNAL" : "GENERAL",
        inRegion % 4 == 1 ? "FREE" : "SMB", mostlyPooledTenancy(inRegion)));
  }

  /**
   * The demo's fleet: {@code size} tenants in turn in eu-west, us-east and sa-east, mostly POOLED as in
   * {@link #mostlyPooled}; per region every 40th on the INTERNAL track and two in 40 design partners, the rest
   * GENERAL; every tenth an ENTERPRISE, every third FREE, the others SMB. The bad tenant is eu-west's first GENERAL
   * SMB or FREE DATABASE tenant, the slow one us-east's.
   */
  public static Fleet demo(String runId, int size) {
    if (size < 90) {
      throw new IllegalArgumentException("the demo's fleet needs at least 90 tenants, 30 a region");
    }
    return of(runId, size, DEMO_REGIONS, inRegion -> {
      int inForty = inRegion % 40;
      String track = inForty == 0 ? "INTERNAL" : inForty == 1 || inForty == 21 ? "DESIGN_PARTNER" : "GENERAL";
      String tier = inRegion % 10 == 3 ? "ENTERPRISE" : inRegion % 3 == 0 ? "FREE" : "SMB";
      return new Shape(track, tier, mostlyPooledTenancy(inRegion));
    });
  }

  private static String mostlyPooledTenancy(int inRegion) {
    return inRegion % 25 == 1 ? "DATABASE" : inRegion % 5 == 2 ? "SCHEMA" : "POOLED";
  }

  private static Fleet of(String runId, int size, List<String> regions, IntFunction<Shape> shapeOf) {
    if (size < 12) {
      throw new IllegalArgumentException("a fleet needs at least 12 tenants for every region, track and model");
    }
    String prefix = runId.replace('_', '-');
    Map<String, Tenant> tenants = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      String region = regions.get(i % regions.size());
      int inRegion = i / regions.size();
      Shape shape = shapeOf.apply(inRegion);
      String tenancy = shape.tenancy();
      String id = prefix + "-" + region.substring(0, 2) + "-" + String.format("%03d", inRegion);
      String database = switch (tenancy) {
        case "POOLED" -> runId + "_pooled_" + region.replace('-', '_');
        case "SCHEMA" -> runId + "_schemas_" + region.replace('-', '_');
        default -> runId + "_" + id.substring(prefix.length() + 1).replace('-', '_');
      };
      tenants.put(id, new Tenant(id, region, shape.track(), shape.tier(), tenancy, database,
          tenancy.equals("SCHEMA") ? "t_" + id.substring(prefix.length() + 1).replace('-', '_') : null));
    }
    Tenant bad = firstGeneralDatabaseTenant(tenants, regions.get(0));
    Tenant slow = regions.size() > 2 ? firstGeneralDatabaseTenant(tenants, regions.get(1)) : null;
    return new Fleet(runId, List.copyOf(regions), tenants, bad, slow);
  }

  private static Tenant firstGeneralDatabaseTenant(Map<String, Tenant> tenants, String region) {
    return tenants.values().stream()
        .filter(t -> t.region().equals(region) && t.track().equals("GENERAL") && t.tenancy().equals("DATABASE")
            && !t.tier().equals("ENTERPRISE"))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no GENERAL DATABASE tenant in " + region));
  }

  public static String clusterOf(String region) {
    return "pg-" + region + "-a";
  }

  public static String cellOf(String region) {
    return region + "-1";
  }

  public static String jurisdictionOf(String region) {
    if (region.startsWith("eu-")) {
      return "EU";
    }
    return region.startsWith("sa-") ? "LATAM" : "US";
  }

  public List<String> regions() {
    return regions;
  }

  /** The catalog flag every tenant of this run carries. */
  public String flag() {
    return "fleet-" + runId.replace('_', '-');
  }

  public List<Tenant> tenants() {
    return List.copyOf(tenants.values());
  }

  public Tenant get(String tenantId) {
    return Objects.requireNonNull(tenants.get(tenantId), () -> "not a tenant of this run: " + tenantId);
  }

  public boolean contains(String tenantId) {
    return tenants.containsKey(tenantId);
  }

  public String regionOf(String tenantId) {
    return get(tenantId).region();
  }

  /** The tenant that answers with 5xx on the new version. */
  public Tenant bad() {
    return bad;
  }

  /** The tenant that gets slow on the new version (the demo's fleet only; null otherwise). */
  public Tenant slow() {
    return slow;
  }

  /** Every tenant but the bad one. */
  public List<Tenant> healthy() {
    return tenants.values().stream().filter(t -> !t.equals(bad)).toList();
  }

  /** Creates every tenant's tables and deals: shared databases first, then the tenants side by side. */
  public void seed(CrmDatabases crm, int dealsPerTenant) {
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
  public List<Map<String, Object>> catalogDocuments() {
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
