package dev.tenantwave.catalog.tenant;

import dev.tenantwave.catalog.audit.CatalogAudit;
import dev.tenantwave.catalog.audit.CatalogAudit.Change;
import dev.tenantwave.catalog.audit.CatalogAudit.EntityType;
import dev.tenantwave.catalog.outbox.CatalogOutbox;
import dev.tenantwave.catalog.placement.PlacementPolicy;
import dev.tenantwave.catalog.placement.TenantPlacements;
import dev.tenantwave.catalog.residency.Residence;
import dev.tenantwave.catalog.residency.ResidencyPolicy;
import dev.tenantwave.catalog.topology.Topology;
import dev.tenantwave.catalog.topology.TopologyLock;
import dev.tenantwave.catalog.topology.TopologyReader;
import dev.tenantwave.service.placement.Placement;
import dev.tenantwave.service.placement.PlacementIndex;
import dev.tenantwave.service.placement.PlacementRule;
import dev.tenantwave.service.placement.PlacementSettings;
import dev.tenantwave.service.problem.Problem;
import dev.tenantwave.service.problem.Problem.Violation;
import dev.tenantwave.service.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every change to a tenant: checked (shape, references, residency, placement, version), then written with its audit
 * line and its outbox event in one transaction. A refused change writes nothing.
 */
@Singleton
public class TenantService {

  public static final int MAX_IMPORT = 10_000;

  /** What a bulk import did. */
  @io.micronaut.serde.annotation.Serdeable
  public record ImportResult(int created, int updated) {}

  private final TenantRepository tenants;
  private final TenantMapper mapper;
  private final TopologyReader topologyReader;
  private final TopologyLock topologyLock;
  private final CatalogAudit audit;
  private final CatalogOutbox outbox;
  private final TenantPlacements placements;
  private final PlacementRule placementRule;

  public TenantService(TenantRepository tenants, TenantMapper mapper, TopologyReader topologyReader,
                       TopologyLock topologyLock, CatalogAudit audit, CatalogOutbox outbox,
                       TenantPlacements placements, PlacementSettings placementSettings) {
    this.tenants = tenants;
    this.mapper = mapper;
    this.topologyReader = topologyReader;
    this.topologyLock = topologyLock;
    this.audit = audit;
    this.outbox = outbox;
    this.placements = placements;
    this.placementRule = placementSettings.rule();
  }

  @Transactional
  public Optional<TenantDocument> find(String id) {
    if (!TenantValidator.isValidId(id)) {
      return Optional.empty();
    }
    return tenants.findById(id).map(row -> mapper.toDocument(row, topologyReader.current()
        .jurisdictionOfRegion(row.region()).orElse(null)));
  }

  @Transactional
  public List<TenantDocument> search(TenantQuery query) {
    Topology topology = topologyReader.current();
    return tenants.search(query.region(), query.tier(), query.track(), query.cell(), query.status(),
            query.flag(), query.flagValue(), query.after(), query.limit())
        .stream().map(row -> mapper.toDocument(row, topology.jurisdictionOfRegion(row.region()).orElse(null)))
        .toList();
  }

  @Transactional
  public TenantDocument create(TenantDocument requested, String actor) {
    requireValid(requested);
    topologyLock.shared();
    Topology topology = topologyReader.current();
    requirePlacement(ResidencyPolicy.check(residenceOf(requested), topology, null));
    if (tenants.existsById(requested.id())) {
      throw ProblemException.conflict("tenant-exists", "tenant '" + requested.id()
          + "' already exists; change it with PUT /api/v1/tenants/" + requested.id());
    }
    requireOwnPlacement(requested);
    TenantDocument created = committed(requested, 1, topology);
    tenants.save(mapper.toRow(created, 1));
    audit.record(actor, new Change("CREATE", EntityType.TENANT, created.id(), null, created), null);
    outbox.tenantChanged(TenantSnapshots.changed(created, Instant.now()));
    return created;
  }

  @Transactional
  public TenantDocument replace(String id, TenantDocument requested, @Nullable Long ifMatch, String actor) {
    if (requested.id() != null && !requested.id().equals(id)) {
      throw ProblemException.unprocessable("id-mismatch", "the body's id '" + requested.id()
          + "' differs from the path's '" + id + "'; a tenant's id cannot change");
    }
    return change(id, ifMatch, requested.version(), "UPDATE", null, false, current -> requested.withId(id), actor);
  }

  /** Moves a tenant to another cell (and optionally cluster/database/schema) in its jurisdiction. */
  @Transactional
  public TenantDocument move(String id, MoveRequest move, @Nullable Long ifMatch, String actor) {
    if (move.cell() == null || move.cell().isBlank()) {
      throw ProblemException.unprocessable("invalid-tenant", "a move needs the target cell");
    }
    return change(id, ifMatch, null, "MOVE", null, false, current -> current.withPlacement(current.region(),
        move.cell(), Optional.ofNullable(move.cluster()).orElse(current.cluster()),
        Optional.ofNullable(move.database()).orElse(current.database()),
        move.cluster() == null && move.schema() == null ? current.schema() : move.schema()), actor);
  }

  /** The only way to change a tenant's jurisdiction: admin only (enforced by the controller), with a reason. */
  @Transactional
  public TenantDocument changeResidency(String id, ResidencyChange change, @Nullable Long ifMatch, String actor) {
    if (change.reason() == null || change.reason().isBlank()) {
      throw ProblemException.unprocessable("reason-required",
          "a residency change needs a reason (it is kept in the audit log)");
    }
    return change(id, ifMatch, null, "RESIDENCY_CHANGE", change.reason(), true, current ->
        current.withPlacement(change.region(), change.cell(), change.cluster(),
            Optional.ofNullable(change.database()).orElse(current.database()), change.schema()), actor);
  }

  @Transactional
  public void delete(String id, @Nullable Long ifMatch, String actor) {
    TenantRow row = lockExisting(id);
    checkVersion(id, row.version(), ifMatch, null);
    TenantDocument before = mapper.toDocument(row, topologyReader.current()
        .jurisdictionOfRegion(row.region()).orElse(null));
    tenants.deleteById(id);
    audit.record(actor, new Change("DELETE", EntityType.TENANT, id, before, null), null);
    outbox.tenantDeleted(id);
  }

  /**
   * All or nothing: every row is checked first; if any row is refused the response lists every refused row and
   * nothing is written. New ids are created, existing ones replaced (their version goes up by one).
   */
  @Transactional
  public ImportResult importAll(List<TenantDocument> requested, String actor) {
    if (requested.size() > MAX_IMPORT) {
      throw new ProblemException(Problem.of(413, "import-too-large", "Too many tenants",
          "a bulk import takes at most " + MAX_IMPORT + " tenants; this one has " + requested.size()
              + ". Split it into several requests."));
    }
    List<Violation> rowErrors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean[] wellFormed = new boolean[requested.size()];
    for (int i = 0; i < requested.size(); i++) {
      TenantDocument t = requested.get(i);
      if (t == null) {
        rowErrors.add(new Violation(i, null, null, "row is null; expected a tenant object"));
        continue;
      }
      List<Violation> shape = TenantValidator.validate(t);
      for (Violation v : shape) {
        rowErrors.add(new Violation(i, t.id(), v.field(), v.detail()));
      }
      if (t.id() != null && !seen.add(t.id())) {
        rowErrors.add(new Violation(i, t.id(), "id", "tenant '" + t.id() + "' appears more than once in the import"));
      }
      wellFormed[i] = shape.isEmpty();
    }
    topologyLock.shared();
    Topology topology = topologyReader.current();
    Map<String, TenantRow> existing = new HashMap<>();
    for (TenantRow row : tenants.lockAll(seen.stream().filter(TenantValidator::isValidId).toArray(String[]::new))) {
      existing.put(row.id(), row);
    }
    for (int i = 0; i < requested.size(); i++) {
      if (!wellFormed[i]) {
        continue;
      }
      TenantDocument t = requested.get(i);
      TenantRow current = existing.get(t.id());
      String currentJurisdiction = current == null ? null
          : topology.jurisdictionOfRegion(current.region()).orElse(null);
      for (Violation v : ResidencyPolicy.check(residenceOf(t), topology, currentJurisdiction).violations()) {
        rowErrors.add(new Violation(i, t.id(), v.field(), v.detail()));
      }
      if (current != null && t.version() != null && t.version() != current.version()) {
        rowErrors.add(new Violation(i, t.id(), "version", "tenant '" + t.id() + "' is at version "
            + current.version() + ", the row says " + t.version()));
      }
    }
    rowErrors.addAll(placementViolations(requested, wellFormed));
    if (!rowErrors.isEmpty()) {
      rowErrors.sort(Comparator.comparing(Violation::row));
      throw new ProblemException(Problem.of(422, "import-refused", "Bulk import refused",
          rowErrors.stream().map(Violation::row).distinct().count() + " of " + requested.size()
              + " rows were refused; nothing was imported (an import applies all rows or none). Fix the rows listed"
              + " in errors and send the whole import again.").withErrors(rowErrors));
    }
    List<TenantRow> inserts = new ArrayList<>();
    List<TenantRow> updates = new ArrayList<>();
    List<TenantDocument> committed = new ArrayList<>(requested.size());
    List<Change> changes = new ArrayList<>(requested.size());
    for (TenantDocument t : requested) {
      TenantRow current = existing.get(t.id());
      long version = current == null ? 1 : current.version() + 1;
      TenantDocument after = committed(t, version, topology);
      committed.add(after);
      (current == null ? inserts : updates).add(mapper.toRow(after, version));
      changes.add(new Change(current == null ? "IMPORT_CREATE" : "IMPORT_UPDATE", EntityType.TENANT, t.id(),
          current == null ? null : mapper.toDocument(current, topology.jurisdictionOfRegion(current.region())
              .orElse(null)), after));
    }
    if (!inserts.isEmpty()) {
      tenants.saveAll(inserts);
    }
    if (!updates.isEmpty()) {
      tenants.updateAll(updates);
    }
    audit.recordAll(actor, changes);
    Instant now = Instant.now();
    outbox.tenantsChanged(committed.stream().map(t -> TenantSnapshots.changed(t, now)).toList());
    return new ImportResult(inserts.size(), updates.size());
  }

  private interface Edit {
    TenantDocument apply(TenantDocument current);
  }

  private TenantDocument change(String id, @Nullable Long ifMatch, @Nullable Long bodyVersion, String action,
                                @Nullable String reason, boolean mayChangeJurisdiction, Edit edit, String actor) {
    TenantRow row = lockExisting(id);
    checkVersion(id, row.version(), ifMatch, bodyVersion);
    topologyLock.shared();
    Topology topology = topologyReader.current();
    String currentJurisdiction = topology.jurisdictionOfRegion(row.region()).orElse(null);
    TenantDocument before = mapper.toDocument(row, currentJurisdiction);
    TenantDocument requested = edit.apply(before);
    requireValid(requested);
    requirePlacement(ResidencyPolicy.check(residenceOf(requested), topology,
        mayChangeJurisdiction ? null : currentJurisdiction));
    requireOwnPlacement(requested);
    long version = row.version() + 1;
    TenantDocument after = committed(requested, version, topology);
    tenants.update(mapper.toRow(after, version));
    audit.record(actor, new Change(action, EntityType.TENANT, id, before, after), reason);
    outbox.tenantChanged(TenantSnapshots.changed(after, Instant.now()));
    return after;
  }

  private static Residence residenceOf(TenantDocument t) {
    return new Residence(t.id(), t.region(), t.cell(), t.cluster(), t.tenancy(), t.jurisdiction());
  }

  private static Placement placementOf(TenantDocument t) {
    return new Placement(t.id(), t.tenancy(), t.cluster(), t.database(), t.schema());
  }

  /** Locks the tenant's database for placements and refuses a place that is another tenant's or not a tenant's. */
  private void requireOwnPlacement(TenantDocument t) {
    Placement placement = placementOf(t);
    PlacementPolicy.Verdict verdict = PlacementPolicy.check(placement,
        new PlacementIndex(placements.lockAndRead(List.of(placement))), placementRule);
    if (!verdict.allowed()) {
      throw new ProblemException(Problem.of(422, "placement-refused", "Placement refused",
          verdict.violations().stream().map(Violation::detail).reduce((a, b) -> a + "; " + b).orElse(""))
          .withErrors(verdict.violations()));
    }
  }

  /**
   * An import's rows judged where the import leaves every tenant: against the tenants already in their databases
   * that the import does not replace, and against each other.
   */
  private List<Violation> placementViolations(List<TenantDocument> requested, boolean[] wellFormed) {
    List<Placement> rows = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      if (wellFormed[i]) {
        rows.add(placementOf(requested.get(i)));
        ids.add(requested.get(i).id());
      }
    }
    if (rows.isEmpty()) {
      return List.of();
    }
    List<Placement> after = new ArrayList<>(rows);
    for (Placement placed : placements.lockAndRead(rows)) {
      if (!ids.contains(placed.tenantId())) {
        after.add(placed);
      }
    }
    PlacementIndex index = new PlacementIndex(after);
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      if (wellFormed[i]) {
        TenantDocument t = requested.get(i);
        for (Violation v : PlacementPolicy.check(placementOf(t), index, placementRule).violations()) {
          violations.add(new Violation(i, t.id(), v.field(), v.detail()));
        }
      }
    }
    return violations;
  }

  private TenantRow lockExisting(String id) {
    if (!TenantValidator.isValidId(id)) {
      throw ProblemException.notFound("no tenant '" + TenantValidator.abbreviate(id) + "': " + TenantValidator.idProblem(id));
    }
    return tenants.findByIdForUpdate(id).orElseThrow(() -> ProblemException.notFound("no tenant '" + id + "'"));
  }

  private static void checkVersion(String id, long current, @Nullable Long ifMatch, @Nullable Long bodyVersion) {
    if (ifMatch != null && ifMatch != current) {
      throw new ProblemException(Problem.of(412, "version-mismatch", "Precondition failed", "tenant '" + id
          + "' is at version " + current + ", If-Match asked for " + ifMatch + ". GET it again and retry."));
    }
    if (bodyVersion != null && bodyVersion != current) {
      throw ProblemException.conflict("version-conflict", "tenant '" + id + "' is at version " + current
          + ", the request was based on version " + bodyVersion + ". GET it again and retry.");
    }
  }

  private static TenantDocument committed(TenantDocument t, long version, Topology topology) {
    return t.withVersionAndJurisdiction(version, topology.jurisdictionOfRegion(t.region()).orElseThrow());
  }

  private static void requireValid(TenantDocument t) {
    List<Violation> violations = TenantValidator.validate(t);
    if (!violations.isEmpty()) {
      throw new ProblemException(Problem.of(422, "invalid-tenant", "Invalid tenant",
          violations.size() == 1 ? violations.get(0).detail()
              : violations.size() + " fields are invalid: " + violations.get(0).detail() + "; ...")
          .withErrors(violations));
    }
  }

  private static void requirePlacement(ResidencyPolicy.Verdict verdict) {
    if (!verdict.allowed()) {
      String detail = verdict.violations().stream().map(Violation::detail).reduce((a, b) -> a + "; " + b).orElse("");
      throw new ProblemException(verdict.residencyBreached()
          ? Problem.of(422, "residency-violation", "Residency violation", detail).withErrors(verdict.violations())
          : Problem.of(422, "unknown-reference", "Unknown reference", detail).withErrors(verdict.violations()));
    }
  }
}
