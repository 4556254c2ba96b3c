package dev.tenantwave.catalog.topology;

import dev.tenantwave.catalog.audit.CatalogAudit;
import dev.tenantwave.catalog.audit.CatalogAudit.Change;
import dev.tenantwave.catalog.audit.CatalogAudit.EntityType;
import dev.tenantwave.catalog.outcome.Outcome;
import dev.tenantwave.catalog.outcome.Rejection;
import dev.tenantwave.catalog.residency.TopologyResidency;
import dev.tenantwave.catalog.residency.TopologyResidency.Refusal;
import dev.tenantwave.catalog.topology.TopologyRepositories.CellRepository;
import dev.tenantwave.catalog.topology.TopologyRepositories.ClusterRepository;
import dev.tenantwave.catalog.topology.TopologyRepositories.RegionRepository;
import dev.tenantwave.catalog.vocabulary.Vocabulary;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Regions, cells and clusters. A change that would put an existing tenant's cell or cluster outside its jurisdiction
 * (moving a cell or cluster to a region of another jurisdiction, re-labelling a region's jurisdiction) is refused,
 * like every other residency breach. A refused change writes nothing and comes back as a {@link Rejection}: the
 * controller words it as a problem document.
 */
@Singleton
public class TopologyService {

  private static final Pattern JURISDICTION = Pattern.compile("^[A-Z][A-Z0-9-]{1,15}$");

  private final RegionRepository regions;
  private final CellRepository cells;
  private final ClusterRepository clusters;
  private final TopologyTenants tenants;
  private final TopologyLock lock;
  private final CatalogAudit audit;

  public TopologyService(RegionRepository regions, CellRepository cells, ClusterRepository clusters,
                         TopologyTenants tenants, TopologyLock lock, CatalogAudit audit) {
    this.regions = regions;
    this.cells = cells;
    this.clusters = clusters;
    this.tenants = tenants;
    this.lock = lock;
    this.audit = audit;
  }

  @Transactional
  public Outcome<Region> putRegion(String id, Region requested, String actor) {
    Optional<Rejection> invalid = idRejection("region", id, requested.id());
    if (invalid.isEmpty() && (requested.jurisdiction() == null
        || !JURISDICTION.matcher(requested.jurisdiction()).matches())) {
      invalid = Optional.of(Rejection.invalid("invalid-region", "jurisdiction is required: 2-16 upper-case letters,"
          + " digits or '-', such as EU or US"));
    }
    if (invalid.isPresent()) {
      return Outcome.rejected(invalid.get());
    }
    lock.exclusive();
    Optional<Region> before = regions.findById(id);
    if (before.isPresent()) {
      Optional<Rejection> refused = versionRejection("region", id, before.get().version(), requested.version())
          .or(() -> residency(TopologyResidency.jurisdictionChange(id, before.get().jurisdiction(),
              requested.jurisdiction(), !before.get().jurisdiction().equals(requested.jurisdiction()) && inUse(id))));
      if (refused.isPresent()) {
        return Outcome.rejected(refused.get());
      }
    }
    Region after = new Region(id, requested.jurisdiction(), before.map(r -> r.version() + 1).orElse(1L));
    if (before.isPresent()) {
      regions.update(after);
    } else {
      regions.save(after);
    }
    audit.record(actor, new Change(before.isPresent() ? "UPDATE" : "CREATE", EntityType.REGION, id,
        before.orElse(null), after), null);
    return Outcome.done(after);
  }

  @Transactional
  public Outcome<Cell> putCell(String id, Cell requested, String actor) {
    Optional<Rejection> invalid = idRejection("cell", id, requested.id());
    if (invalid.isPresent()) {
      return Outcome.rejected(invalid.get());
    }
    lock.exclusive();
    Outcome<Region> region = existingRegion(requested.region());
    if (region instanceof Outcome.Rejected<Region> missing) {
      return Outcome.rejected(missing.rejection());
    }
    Region to = ((Outcome.Done<Region>) region).value();
    Optional<Cell> before = cells.findById(id);
    if (before.isPresent()) {
      Cell cell = before.get();
      Optional<Rejection> refused = versionRejection("cell", id, cell.version(), requested.version())
          .or(() -> jurisdictionKept("cell", id, cell.region(), to, tenants.countByCell(id)))
          .or(() -> cell.region().equals(to.id()) ? Optional.empty()
              : residency(TopologyResidency.cellMove(id, cell.region(), to.id(),
                  tenants.countByCellAndRegionNotEqual(id, to.id()))));
      if (refused.isPresent()) {
        return Outcome.rejected(refused.get());
      }
    }
    Cell after = new Cell(id, to.id(), before.map(c -> c.version() + 1).orElse(1L));
    if (before.isPresent()) {
      cells.update(after);
    } else {
      cells.save(after);
    }
    audit.record(actor, new Change(before.isPresent() ? "UPDATE" : "CREATE", EntityType.CELL, id,
        before.orElse(null), after), null);
    return Outcome.done(after);
  }

  @Transactional
  public Outcome<ClusterDocument> putCluster(String id, ClusterDocument requested, String actor) {
    Optional<Rejection> invalid = idRejection("cluster", id, requested.id()).or(() -> clusterShape(requested));
    if (invalid.isPresent()) {
      return Outcome.rejected(invalid.get());
    }
    lock.exclusive();
    Outcome<Region> region = existingRegion(requested.region());
    if (region instanceof Outcome.Rejected<Region> missing) {
      return Outcome.rejected(missing.rejection());
    }
    Region to = ((Outcome.Done<Region>) region).value();
    Optional<DatabaseCluster> before = clusters.findById(id);
    if (before.isPresent()) {
      DatabaseCluster cluster = before.get();
      Optional<Rejection> refused = versionRejection("cluster", id, cluster.version(), requested.version())
          .or(() -> jurisdictionKept("cluster", id, cluster.region(), to, tenants.countByCluster(id)))
          .or(() -> modelsInUse(id, requested.tenancyModels()));
      if (refused.isPresent()) {
        return Outcome.rejected(refused.get());
      }
    }
    DatabaseCluster after = new DatabaseCluster(id, to.id(),
        String.join(",", requested.tenancyModels().stream().distinct().toList()), requested.host(), requested.port(),
        before.map(c -> c.version() + 1).orElse(1L));
    if (before.isPresent()) {
      clusters.update(after);
    } else {
      clusters.save(after);
    }
    audit.record(actor, new Change(before.isPresent() ? "UPDATE" : "CREATE", EntityType.CLUSTER, id,
        before.map(ClusterDocument::of).orElse(null), ClusterDocument.of(after)), null);
    return Outcome.done(ClusterDocument.of(after));
  }

  @Transactional
  public Outcome<Void> deleteRegion(String id, String actor) {
    lock.exclusive();
    Optional<Region> before = regions.findById(id);
    if (before.isEmpty()) {
      return Outcome.rejected(Rejection.notFound("no region '" + id + "'"));
    }
    if (inUse(id)) {
      return Outcome.rejected(Rejection.conflict("region-in-use", "region '" + id
          + "' still has cells, clusters or tenants"));
    }
    regions.deleteById(id);
    audit.record(actor, new Change("DELETE", EntityType.REGION, id, before.get(), null), null);
    return Outcome.done(null);
  }

  @Transactional
  public Outcome<Void> deleteCell(String id, String actor) {
    lock.exclusive();
    Optional<Cell> before = cells.findById(id);
    if (before.isEmpty()) {
      return Outcome.rejected(Rejection.notFound("no cell '" + id + "'"));
    }
    if (tenants.countByCell(id) > 0) {
      return Outcome.rejected(Rejection.conflict("cell-in-use", "cell '" + id
          + "' still serves tenants; move them first"));
    }
    cells.deleteById(id);
    audit.record(actor, new Change("DELETE", EntityType.CELL, id, before.get(), null), null);
    return Outcome.done(null);
  }

  @Transactional
  public Outcome<Void> deleteCluster(String id, String actor) {
    lock.exclusive();
    Optional<DatabaseCluster> before = clusters.findById(id);
    if (before.isEmpty()) {
      return Outcome.rejected(Rejection.notFound("no database cluster '" + id + "'"));
    }
    if (tenants.countByCluster(id) > 0) {
      return Outcome.rejected(Rejection.conflict("cluster-in-use", "cluster '" + id
          + "' still holds tenants; move them first"));
    }
    clusters.deleteById(id);
    audit.record(actor, new Change("DELETE", EntityType.CLUSTER, id, ClusterDocument.of(before.get()), null), null);
    return Outcome.done(null);
  }

  private Outcome<Region> existingRegion(String id) {
    if (id == null || id.isBlank()) {
      return Outcome.rejected(Rejection.invalid("unknown-reference", "region is required"));
    }
    return regions.findById(id).map(Outcome::done).orElseGet(() -> Outcome.rejected(Rejection.invalid(
        "unknown-reference", "region '" + Vocabulary.abbreviate(id) + "' does not exist; create it first")));
  }

  private boolean inUse(String region) {
    return cells.countByRegion(region) > 0 || clusters.countByRegion(region) > 0 || tenants.countByRegion(region) > 0;
  }

  private Optional<Rejection> jurisdictionKept(String kind, String id, String oldRegion, Region newRegion,
      long tenantCount) {
    String oldJurisdiction = regions.findById(oldRegion).map(Region::jurisdiction).orElse(null);
    return residency(TopologyResidency.relocation(kind, id, tenantCount, oldJurisdiction, newRegion.id(),
        newRegion.jurisdiction()));
  }

  private Optional<Rejection> modelsInUse(String id, List<String> models) {
    for (String model : Vocabulary.TENANCY_MODELS) {
      if (!models.contains(model) && tenants.countByClusterAndTenancy(id, model) > 0) {
        return Optional.of(Rejection.conflict("cluster-in-use", "cluster '" + id + "' still holds " + model
            + " tenants; move them before dropping " + model + " from its tenancy models"));
      }
    }
    return Optional.empty();
  }

  private static Optional<Rejection> clusterShape(ClusterDocument requested) {
    if (requested.tenancyModels() == null || requested.tenancyModels().isEmpty()
        || !Vocabulary.TENANCY_MODELS.containsAll(requested.tenancyModels())) {
      return Optional.of(Rejection.invalid("invalid-cluster", "tenancyModels must be a non-empty list of "
          + Vocabulary.TENANCY_MODELS));
    }
    if (requested.port() != null && (requested.port() < 1 || requested.port() > 65535)) {
      return Optional.of(Rejection.invalid("invalid-cluster", "port must be between 1 and 65535"));
    }
    if (requested.host() != null && !ClusterHost.isValid(requested.host())) {
      return Optional.of(Rejection.invalid("invalid-cluster", "host '" + Vocabulary.abbreviate(requested.host())
          + "' must be a host name (dot-separated labels of letters, digits and inner '-', at most 253 characters),"
          + " an IPv4 address or an IPv6 literal"));
    }
    return Optional.empty();
  }

  /** A residency refusal is an unprocessable request, whatever it refuses. */
  private static Optional<Rejection> residency(Optional<Refusal> refusal) {
    return refusal.map(r -> Rejection.invalid(r.type(), r.detail()));
  }

  /** Like a tenant's: a body that names a version must name the current one, else nothing is written. */
  private static Optional<Rejection> versionRejection(String kind, String id, Long current, Long requested) {
    if (requested != null && !requested.equals(current)) {
      return Optional.of(Rejection.conflict("version-conflict", kind + " '" + id + "' is at version " + current
          + ", the request was based on version " + requested + ". GET it again and retry."));
    }
    return Optional.empty();
  }

  private static Optional<Rejection> idRejection(String kind, String pathId, String bodyId) {
    if (!Vocabulary.isValidId(pathId)) {
      return Optional.of(Rejection.invalid("invalid-id", kind + " id '" + Vocabulary.abbreviate(pathId)
          + "' must match " + Vocabulary.ID_PATTERN));
    }
    if (bodyId != null && !bodyId.equals(pathId)) {
      return Optional.of(Rejection.invalid("id-mismatch", "the body's id '" + Vocabulary.abbreviate(bodyId)
          + "' differs from the path's '" + pathId + "'"));
    }
    return Optional.empty();
  }
}
