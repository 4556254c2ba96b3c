package dev.tenantwave.catalog.tenant;

import dev.tenantwave.catalog.audit.CatalogAudit;
import dev.tenantwave.catalog.audit.CatalogAudit.Change;
import dev.tenantwave.catalog.outbox.CatalogOutbox;
import dev.tenantwave.catalog.outcome.Outcome;
import dev.tenantwave.catalog.outcome.Rejection;
import dev.tenantwave.catalog.placement.PlacementPolicy;
import dev.tenantwave.catalog.placement.TenantPlacements;
import dev.tenantwave.catalog.residency.ResidencyPolicy;
import dev.tenantwave.catalog.topology.Topology;
import dev.tenantwave.catalog.topology.TopologyLock;
import dev.tenantwave.catalog.topology.TopologyReader;
import dev.tenantwave.service.placement.Placement;
import dev.tenantwave.service.placement.PlacementIndex;
import dev.tenantwave.service.placement.PlacementRule;
import dev.tenantwave.service.placement.PlacementSettings;
import dev.tenantwave.service.problem.Problem.Violation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
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
import java.util.function.UnaryOperator;

/**
 * Every change to a tenant: checked (shape, references, residency, placement, version), then written with its audit
 * line and its outbox event in one transaction. A refused change writes nothing and comes back as a
 * {@link Rejection}: the controller words it as a problem document.
 */
@Singleton
public class TenantService {

  public static final int MAX_IMPORT = 10_000;

  /** What a bulk import did. */
  @Serdeable
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
  public Optional<Tenant> find(String id) {
    if (!TenantValidator.isValidId(id)) {
      return Optional.empty();
    }
    return tenants.findById(id).map(row -> mapper.toTenant(row, topologyReader.current()
        .jurisdictionOfRegion(row.region()).orElse(null)));
  }

  @Transactional
  public List<Tenant> search(TenantQuery query) {
    Topology topology = topologyReader.current();
    return tenants.search(query.region(), query.tier(), query.track(), query.cell(), query.status(),
            query.flag(), query.flagValue(), query.after(), query.limit())
        .stream().map(row -> mapper.toTenant(row, topology.jurisdictionOfRegion(row.region()).orElse(null)))
        .toList();
  }

  @Transactional
  public Outcome<Tenant> create(Tenant requested, String actor) {
    Optional<Rejection> invalid = invalidTenant(requested);
    if (invalid.isPresent()) {
      return Outcome.rejected(invalid.get());
    }
    topologyLock.shared();
    Topology topology = topologyReader.current();
    Optional<Rejection> refused = residencyRefusal(ResidencyPolicy.check(requested.residence(), topology, null))
        .or(() -> tenants.existsById(requested.id()) ? Optional.of(Rejection.conflict("tenant-exists", "tenant '"
            + requested.id() + "' already exists; change it with PUT /api/v1/tenants/" + requested.id()))
            : Optional.empty())
        .or(() -> placementRefusal(requested));
    if (refused.isPresent()) {
      return Outcome.rejected(refused.get());
    }
    Tenant created = committed(requested, 1, topology);
    tenants.save(mapper.toRow(created));
    audit.record(actor, TenantAuditChanges.of("CREATE", created.id(), null, created), null);
    outbox.tenantChanged(TenantSnapshots.changed(created, Instant.now()));
    return Outcome.done(created);
  }

  @Transactional
  public Outcome<Tenant> replace(String id, Tenant requested, @Nullable Long ifMatch, String actor) {
    if (requested.id() != null && !requested.id().equals(id)) {
      return Outcome.rejected(Rejection.invalid("id-mismatch", "the body's id '" + requested.id()
          + "' differs from the path's '" + id + "'; a tenant's id cannot change"));
    }
    return change(id, ifMatch, requested.version(), "UPDATE", null, false, current -> requested.withId(id), actor);
  }

  /** Moves a tenant to another cell (and optionally cluster/database/schema) in its jurisdiction. */
  @Transactional
  public Outcome<Tenant> move(String id, MoveRequest move, @Nullable Long ifMatch, String actor) {
    if (move.cell() == null || move.cell().isBlank()) {
      return Outcome.rejected(Rejection.invalid("invalid-tenant", "a move needs the target cell"));
    }
    return change(id, ifMatch, null, "MOVE", null, false, current -> current.placedAt(current.region(),
        move.cell(), Optional.ofNullable(move.cluster()).orElse(current.cluster()),
        Optional.ofNullable(move.database()).orElse(current.database()),
        move.cluster() == null && move.schema() == null ? current.schema() : move.schema()), actor);
  }

  /** The only way to change a tenant's jurisdiction: admin only (enforced by the controller), with a reason. */
  @Transactional
  public Outcome<Tenant> changeResidency(String id, ResidencyChange change, @Nullable Long ifMatch, String actor) {
    if (change.reason() == null || change.reason().isBlank()) {
      return Outcome.rejected(Rejection.invalid("reason-required",
          "a residency change needs a reason (it is kept in the audit log)"));
    }
    return change(id, ifMatch, null, "RESIDENCY_CHANGE", change.reason(), true, current ->
        current.placedAt(change.region(), change.cell(), change.cluster(),
            Optional.ofNullable(change.database()).orElse(current.database()), change.schema()), actor);
  }

  @Transactional
  public Outcome<Void> delete(String id, @Nullable Long ifMatch, String actor) {
    Optional<TenantRow> row = lockExisting(id);
    if (row.isEmpty()) {
      return Outcome.rejected(notFound(id));
    }
    Optional<Rejection> stale = staleVersion(id, row.get().version(), ifMatch, null);
    if (stale.isPresent()) {
      return Outcome.rejected(stale.get());
    }
    Tenant before = mapper.toTenant(row.get(), topologyReader.current()
        .jurisdictionOfRegion(row.get().region()).orElse(null));
    tenants.deleteById(id);
    audit.record(actor, TenantAuditChanges.of("DELETE", id, before, null), null);
    outbox.tenantDeleted(id);
    return Outcome.done(null);
  }

  /**
   * All or nothing: every row is checked first; if any row is refused the response lists every refused row and
   * nothing is written. New ids are created, existing ones replaced (their version goes up by one).
   */
  @Transactional
  public Outcome<ImportResult> importAll(List<Tenant> requested, String actor) {
    if (requested.size() > MAX_IMPORT) {
      return Outcome.rejected(Rejection.tooLarge("import-too-large", "a bulk import takes at most " + MAX_IMPORT
          + " tenants; this one has " + requested.size() + ". Split it into several requests."));
    }
    List<Violation> rowErrors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean[] wellFormed = new boolean[requested.size()];
    for (int i = 0; i < requested.size(); i++) {
      Tenant t = requested.get(i);
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
      Tenant t = requested.get(i);
      TenantRow current = existing.get(t.id());
      String currentJurisdiction = current == null ? null
          : topology.jurisdictionOfRegion(current.region()).orElse(null);
      for (Violation v : ResidencyPolicy.check(t.residence(), topology, currentJurisdiction).violations()) {
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
      return Outcome.rejected(Rejection.invalid("import-refused",
          rowErrors.stream().map(Violation::row).distinct().count() + " of " + requested.size()
              + " rows were refused; nothing was imported (an import applies all rows or none). Fix the rows listed"
              + " in errors and send the whole import again.", rowErrors));
    }
    List<TenantRow> inserts = new ArrayList<>();
    List<TenantRow> updates = new ArrayList<>();
    List<Tenant> committed = new ArrayList<>(requested.size());
    List<Change> changes = new ArrayList<>(requested.size());
    for (Tenant t : requested) {
      TenantRow current = existing.get(t.id());
      Tenant after = committed(t, current == null ? 1 : current.version() + 1, topology);
      committed.add(after);
      (current == null ? inserts : updates).add(mapper.toRow(after));
      changes.add(TenantAuditChanges.of(current == null ? "IMPORT_CREATE" : "IMPORT_UPDATE", t.id(),
          current == null ? null : mapper.toTenant(current, topology.jurisdictionOfRegion(current.region())
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
    return Outcome.done(new ImportResult(inserts.size(), updates.size()));
  }

  private Outcome<Tenant> change(String id, @Nullable Long ifMatch, @Nullable Long bodyVersion, String action,
                                 @Nullable String reason, boolean mayChangeJurisdiction, UnaryOperator<Tenant> edit,
                                 String actor) {
    Optional<TenantRow> row = lockExisting(id);
    if (row.isEmpty()) {
      return Outcome.rejected(notFound(id));
    }
    long version = row.get().version();
    Optional<Rejection> stale = staleVersion(id, version, ifMatch, bodyVersion);
    if (stale.isPresent()) {
      return Outcome.rejected(stale.get());
    }
    topologyLock.shared();
    Topology topology = topologyReader.current();
    String currentJurisdiction = topology.jurisdictionOfRegion(row.get().region()).orElse(null);
    Tenant before = mapper.toTenant(row.get(), currentJurisdiction);
    Tenant requested = edit.apply(before);
    Optional<Rejection> refused = invalidTenant(requested)
        .or(() -> residencyRefusal(ResidencyPolicy.check(requested.residence(), topology,
            mayChangeJurisdiction ? null : currentJurisdiction)))
        .or(() -> placementRefusal(requested));
    if (refused.isPresent()) {
      return Outcome.rejected(refused.get());
    }
    Tenant after = committed(requested, version + 1, topology);
    tenants.update(mapper.toRow(after));
    audit.record(actor, TenantAuditChanges.of(action, id, before, after), reason);
    outbox.tenantChanged(TenantSnapshots.changed(after, Instant.now()));
    return Outcome.done(after);
  }

  /** Locks the tenant's database for placements and refuses a place that is another tenant's or not a tenant's. */
  private Optional<Rejection> placementRefusal(Tenant t) {
    Placement placement = t.placement();
    PlacementPolicy.Verdict verdict = PlacementPolicy.check(placement,
        new PlacementIndex(placements.lockAndRead(List.of(placement))), placementRule);
    if (verdict.allowed()) {
      return Optional.empty();
    }
    return Optional.of(Rejection.invalid("placement-refused", joined(verdict.violations()), verdict.violations()));
  }

  /**
   * An import's rows judged where the import leaves every tenant: against the tenants already in their databases
   * that the import does not replace, and against each other.
   */
  private List<Violation> placementViolations(List<Tenant> requested, boolean[] wellFormed) {
    List<Placement> rows = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      if (wellFormed[i]) {
        rows.add(requested.get(i).placement());
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
        Tenant t = requested.get(i);
        for (Violation v : PlacementPolicy.check(t.placement(), index, placementRule).violations()) {
          violations.add(new Violation(i, t.id(), v.field(), v.detail()));
        }
      }
    }
    return violations;
  }

  /** The tenant's row, locked; empty when there is none (an id that cannot exist never reaches the database). */
  private Optional<TenantRow> lockExisting(String id) {
    return TenantValidator.isValidId(id) ? tenants.findByIdForUpdate(id) : Optional.empty();
  }

  private static Rejection notFound(String id) {
    return Rejection.notFound(TenantValidator.isValidId(id) ? "no tenant '" + id + "'"
        : "no tenant '" + TenantValidator.abbreviate(id) + "': " + TenantValidator.idProblem(id));
  }

  private static Optional<Rejection> staleVersion(String id, long current, @Nullable Long ifMatch,
                                                  @Nullable Long bodyVersion) {
    if (ifMatch != null && ifMatch != current) {
      return Optional.of(Rejection.preconditionFailed("version-mismatch", "tenant '" + id + "' is at version "
          + current + ", If-Match asked for " + ifMatch + ". GET it again and retry."));
    }
    if (bodyVersion != null && bodyVersion != current) {
      return Optional.of(Rejection.conflict("version-conflict", "tenant '" + id + "' is at version " + current
          + ", the request was based on version " + bodyVersion + ". GET it again and retry."));
    }
    return Optional.empty();
  }

  private static Tenant committed(Tenant t, long version, Topology topology) {
    return t.committed(version, topology.jurisdictionOfRegion(t.region()).orElseThrow());
  }

  private static Optional<Rejection> invalidTenant(Tenant t) {
    List<Violation> violations = TenantValidator.validate(t);
    if (violations.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Rejection.invalid("invalid-tenant", violations.size() == 1 ? violations.get(0).detail()
        : violations.size() + " fields are invalid: " + violations.get(0).detail() + "; ...", violations));
  }

  /** A breach of the invariant itself, or a region, cell or cluster that does not exist. */
  private static Optional<Rejection> residencyRefusal(ResidencyPolicy.Verdict verdict) {
    if (verdict.allowed()) {
      return Optional.empty();
    }
    return Optional.of(Rejection.invalid(verdict.residencyBreached() ? "residency-violation" : "unknown-reference",
        joined(verdict.violations()), verdict.violations()));
  }

  private static String joined(List<Violation> violations) {
    return violations.stream().map(Violation::detail).reduce((a, b) -> a + "; " + b).orElse("");
  }
}
