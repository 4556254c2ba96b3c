package dev.tenantwave.catalog.residency;

import dev.tenantwave.service.problem.Problem.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Residency is an invariant: a tenant's cell and database cluster are always in its region's jurisdiction, and its
 * jurisdiction changes only through the explicit, audited residency-change operation.
 */
public final class ResidencyPolicy {

  /** What is wrong with a placement; {@code residencyBreached} when the invariant itself would break. */
  public record Verdict(List<Violation> violations, boolean residencyBreached) {
    public boolean allowed() {
      return violations.isEmpty();
    }
  }

  private ResidencyPolicy() {}

  /**
   * Checks a tenant's placement against the topology. {@code currentJurisdiction} is the jurisdiction the tenant is
   * in now (null for a new tenant, or for the residency-change operation, which may move it).
   */
  public static Verdict check(Residence t, Jurisdictions topology, String currentJurisdiction) {
    List<Violation> violations = new ArrayList<>();
    boolean breached = false;
    Optional<String> jurisdiction = topology.jurisdictionOfRegion(t.region());
    if (jurisdiction.isEmpty()) {
      violations.add(Violation.field("region", "region '" + t.region() + "' does not exist; create it first or use "
          + "one of " + topology.regionIds().stream().sorted().toList()));
    }
    if (!topology.hasCell(t.cell())) {
      violations.add(Violation.field("cell", "cell '" + t.cell() + "' does not exist"));
    }
    Optional<List<String>> models = topology.tenancyModelsOfCluster(t.cluster());
    if (models.isEmpty()) {
      violations.add(Violation.field("cluster", "database cluster '" + t.cluster() + "' does not exist"));
    } else if (t.tenancy() != null && !models.get().contains(t.tenancy())) {
      violations.add(Violation.field("tenancy", "database cluster '" + t.cluster() + "' serves "
          + models.get() + ", not tenancy " + t.tenancy() + " of tenant '" + t.tenantId() + "'"));
    }
    if (jurisdiction.isPresent()) {
      String home = jurisdiction.get();
      if (t.jurisdiction() != null && !t.jurisdiction().equals(home)) {
        breached = true;
        violations.add(Violation.field("jurisdiction", "tenant '" + t.tenantId() + "' declares jurisdiction "
            + t.jurisdiction() + " but its region '" + t.region() + "' is in " + home));
      }
      Optional<String> cellJurisdiction = topology.jurisdictionOfCell(t.cell());
      if (cellJurisdiction.isPresent() && !cellJurisdiction.get().equals(home)) {
        breached = true;
        violations.add(Violation.field("cell", "residency violation: tenant '" + t.tenantId() + "' is in jurisdiction "
            + home + " but cell '" + t.cell() + "' is in " + cellJurisdiction.get()
            + "; choose a cell in " + home));
      }
      Optional<String> clusterJurisdiction = topology.jurisdictionOfCluster(t.cluster());
      if (clusterJurisdiction.isPresent() && !clusterJurisdiction.get().equals(home)) {
        breached = true;
        violations.add(Violation.field("cluster", "residency violation: tenant '" + t.tenantId() + "' is in jurisdiction "
            + home + " but database cluster '" + t.cluster() + "' is in " + clusterJurisdiction.get()
            + "; choose a cluster in " + home));
      }
      if (currentJurisdiction != null && !Objects.equals(currentJurisdiction, home)) {
        breached = true;
        violations.add(Violation.field("region", "tenant '" + t.tenantId() + "' is in jurisdiction " + currentJurisdiction
            + "; moving it to region '" + t.region() + "' (" + home + ") changes its jurisdiction, which only an admin"
            + " may do with POST /api/v1/tenants/" + t.tenantId() + "/residency-change and a reason"));
      }
    }
    return new Verdict(List.copyOf(violations), breached);
  }
}
