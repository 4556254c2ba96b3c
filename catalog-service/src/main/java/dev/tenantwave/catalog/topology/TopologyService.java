package dev.tenantwave.catalog.topology;

import dev.tenantwave.catalog.audit.CatalogAudit;
import dev.tenantwave.catalog.audit.CatalogAudit.Change;
import dev.tenantwave.catalog.audit.CatalogAudit.EntityType;
import dev.tenantwave.catalog.residency.TopologyResidency;
import dev.tenantwave.catalog.residency.TopologyResidency.Refusal;
import dev.tenantwave.catalog.tenant.TenantEnums;
import dev.tenantwave.catalog.tenant.TenantRepository;
import dev.tenantwave.catalog.tenant.TenantValidator;
import dev.tenantwave.catalog.topology.TopologyRepositories.CellRepository;
import dev.tenantwave.catalog.topology.TopologyRepositories.ClusterRepository;
import dev.tenantwave.catalog.topology.TopologyRepositories.RegionRepository;
import dev.tenantwave.service.problem.ProblemException;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Regions, cells and clusters. A change that would put an existing tenant's cell or cluster outside its jurisdiction
 * (moving a cell or cluster to a region of another jurisdiction, re-labelling a region's jurisdiction) is refused,
 * like every other residency breach.
 */
@Singleton
public class TopologyService {

  private static final Pattern JURISDICTION = Pattern.compile("^[A-Z][A-Z0-9-]{1,15}$");

  private final RegionRepository regions;
  private final CellRepository cells;
  private final ClusterRepository clusters;
  private final TenantRepository tenants;
  private final TopologyLock lock;
  private final CatalogAudit audit;

  public TopologyService(RegionRepository regions, CellRepository cells, ClusterRepository clusters,
                         TenantRepository tenants, TopologyLock lock, CatalogAudit audit) {
    this.regions = regions;
    this.cells = cells;
    this.clusters = clusters;
    this.tenants = tenants;
    this.lock = lock;
    this.audit = audit;
  }

  @Transactional
  public Region putRegion(String id, Region requested, String actor) {
    checkId("region", id, requested.id());
    if (requested.jurisdiction() == null || !JURISDICTION.matcher(requested.jurisdiction()).matches()) {
      throw ProblemException.unprocessable("invalid-region", "jurisdiction is required: 2-16 upper-case letters,"
          + " digits or '-', such as EU or US");
    }
    lock.exclusive();
    Optional<Region> before = regions.findById(id);
    if (before.isPresent()) {
      checkVersion("region", id, before.get().version(), requested.version());
      refuse(TopologyResidency.jurisdictionChange(id, before.get().jurisdiction(), requested.jurisdiction(),
          !before.get().jurisdiction().equals(requested.jurisdiction()) && inUse(id)));
    }
    Region after = new Region(id, requested.jurisdiction(), before.map(r -> r.version() + 1).orElse(1L));
    if (before.isPresent()) {
      regions.update(after);
    } else {
      regions.save(after);
    }
    audit.record(actor, new Change(before.isPresent() ? "UPDATE" : "CREATE", EntityType.REGION, id,
        before.orElse(null), after), null);
    return after;
  }

  @Transactional
  public Cell putCell(String id, Cell requested, String actor) {
    checkId("cell", id, requested.id());
    lock.exclusive();
    Region region = existingRegion(requested.region());
    Optional<Cell> before = cells.findById(id);
    if (before.isPresent()) {
      checkVersion("cell", id, before.get().version(), requested.version());
      checkJurisdictionKept("cell", id, before.get().region(), region, tenants.countByCell(id));
      if (!before.get().region().equals(region.id())) {
        refuse(TopologyResidency.cellMove(id, before.get().region(), region.id(),
            tenants.countByCellAndRegionNotEqual(id, region.id())));
      }
    }
    Cell after = new Cell(id, region.id(), before.map(c -> c.version() + 1).orElse(1L));
    if (before.isPresent()) {
      cells.update(after);
    } else {
      cells.save(after);
    }
    audit.record(actor, new Change(before.isPresent() ? "UPDATE" : "CREATE", EntityType.CELL, id,
        before.orElse(null), after), null);
    return after;
  }

  @Transactional
  public ClusterDocument putCluster(String id, ClusterDocument requested, String actor) {
    checkId("cluster", id, requested.id());
    if (requested.tenancyModels() == null || requested.tenancyModels().isEmpty()
        || !TenantEnums.TENANCY_MODELS.containsAll(requested.tenancyModels())) {
      throw ProblemException.unprocessable("invalid-cluster", "tenancyModels must be a non-empty list of "
          + TenantEnums.TENANCY_MODELS);
    }
    if (requested.port() != null && (requested.port() < 1 || requested.port() > 65535)) {
      throw ProblemException.unprocessable("invalid-cluster", "port must be between 1 and 65535");
    }
    if (requested.host() != null && !ClusterHost.isValid(requested.host())) {
      throw ProblemException.unprocessable("invalid-cluster", "host '" + TenantValidator.abbreviate(requested.host())
          + "' must be a host name (dot-separated labels of letters, digits and inner '-', at most 253 characters),"
          + " an IPv4 address or an IPv6 literal");
    }
    lock.exclusive();
    Region region = existingRegion(requested.region());
    Optional<DatabaseCluster> before = clusters.findById(id);
    if (before.isPresent()) {
      checkVersion("cluster", id, before.get().version(), requested.version());
      checkJurisdictionKept("cluster", id, before.get().region(), region, tenants.countByCluster(id));
      for (String model : TenantEnums.TENANCY_MODELS) {
        if (!requested.tenancyModels().contains(model) && tenants.countByClusterAndTenancy(id, model) > 0) {
          throw ProblemException.conflict("cluster-in-use", "cluster '" + id + "' still holds " + model
              + " tenants; move them before dropping " + model + " from its tenancy models");
        }
      }
    }
    DatabaseCluster after = new DatabaseCluster(id, region.id(),
        String.join(",", requested.tenancyModels().stream().distinct().toList()), requested.host(), requested.port(),
        before.map(c -> c.version() + 1).orElse(1L));
    if (before.isPresent()) {
      clusters.update(after);
    } else {
      clusters.save(after);
    }
    audit.record(actor, new Change(before.isPresent() ? "UPDATE" : "CREATE", EntityType.CLUSTER, id,
        before.map(ClusterDocument::of).orElse(null), ClusterDocument.of(after)), null);
    return ClusterDocument.of(after);
  }

  @Transactional
  public void deleteRegion(String id, String actor) {
    lock.exclusive();
    Region before = regions.findById(id).orElseThrow(() -> ProblemException.notFound("no region '" + id + "'"));
    if (cells.countByRegion(id) > 0 || clusters.countByRegion(id) > 0 || tenants.countByRegion(id) > 0) {
      throw ProblemException.conflict("region-in-use", "region '" + id + "' still has cells, clusters or tenants");
    }
    regions.deleteById(id);
    audit.record(actor, new Change("DELETE", EntityType.REGION, id, before, null), null);
  }

  @Transactional
  public void deleteCell(String id, String actor) {
    lock.exclusive();
    Cell before = cells.findById(id).orElseThrow(() -> ProblemException.notFound("no cell '" + id + "'"));
    if (tenants.countByCell(id) > 0) {
      throw ProblemException.conflict("cell-in-use", "cell '" + id + "' still serves tenants; move them first");
    }
    cells.deleteById(id);
    audit.record(actor, new Change("DELETE", EntityType.CELL, id, before, null), null);
  }

  @Transactional
  public void deleteCluster(String id, String actor) {
    lock.exclusive();
    DatabaseCluster before = clusters.findById(id)
        .orElseThrow(() -> ProblemException.notFound("no database cluster '" + id + "'"));
    if (tenants.countByCluster(id) > 0) {
      throw ProblemException.conflict("cluster-in-use", "cluster '" + id + "' still holds tenants; move them first");
    }
    clusters.deleteById(id);
    audit.record(actor, new Change("DELETE", EntityType.CLUSTER, id, ClusterDocument.of(before), null), null);
  }

  private Region existingRegion(String id) {
    if (id == null || id.isBlank()) {
      throw ProblemException.unprocessable("unknown-reference", "region is required");
    }
    return regions.findById(id).orElseThrow(() -> ProblemException.unprocessable("unknown-reference",
        "region '" + TenantValidator.abbreviate(id) + "' does not exist; create it first"));
  }

  private boolean inUse(String region) {
    return cells.countByRegion(region) > 0 || clusters.countByRegion(region) > 0 || tenants.countByRegion(region) > 0;
  }

  private void checkJurisdictionKept(String kind, String id, String oldRegion, Region newRegion, long tenantCount) {
    String oldJurisdiction = regions.findById(oldRegion).map(Region::jurisdiction).orElse(null);
    refuse(TopologyResidency.relocation(kind, id, tenantCount, oldJurisdiction, newRegion.id(),
        newRegion.jurisdiction()));
  }

  private static void refuse(Optional<Refusal> refusal) {
    if (refusal.isPresent()) {
      throw ProblemException.unprocessable(refusal.get().type(), refusal.get().detail());
    }
  }

  /** Like a tenant's: a body that names a version must name the current one, else nothing is written. */
  private static void checkVersion(String kind, String id, Long current, Long requested) {
    if (requested != null && !requested.equals(current)) {
      throw ProblemException.conflict("version-conflict", kind + " '" + id + "' is at version " + current
          + ", the request was based on version " + requested + ". GET it again and retry.");
    }
  }

  private static void checkId(String kind, String pathId, String bodyId) {
    if (!TenantValidator.isValidId(pathId)) {
      throw ProblemException.unprocessable("invalid-id", kind + " id '" + TenantValidator.abbreviate(pathId)
          + "' must match " + TenantValidator.ID_PATTERN);
    }
    if (bodyId != null && !bodyId.equals(pathId)) {
      throw ProblemException.unprocessable("id-mismatch", "the body's id '" + TenantValidator.abbreviate(bodyId)
          + "' differs from the path's '" + pathId + "'");
    }
  }
}
