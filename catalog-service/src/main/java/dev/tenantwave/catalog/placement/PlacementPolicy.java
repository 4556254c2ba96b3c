package dev.tenantwave.catalog.placement;

import dev.tenantwave.service.placement.Placement;
import dev.tenantwave.service.placement.PlacementIndex;
import dev.tenantwave.service.placement.PlacementRule;
import dev.tenantwave.service.problem.Problem.Violation;
import java.util.List;

/**
 * A tenant's data lives where no other tenant's does, and never in PostgreSQL's own or a Tenantwave service's
 * database: the shared {@link PlacementRule}, judged against the tenants already placed in the same database.
 */
public final class PlacementPolicy {

  /** What is wrong with a placement, per field; empty when it is allowed. */
  public record Verdict(List<Violation> violations) {
    public boolean allowed() {
      return violations.isEmpty();
    }
  }

  private PlacementPolicy() {}

  /** {@code neighbours} holds the tenants placed in the tenant's database (the tenant itself may be among them). */
  public static Verdict check(Placement placement, PlacementIndex neighbours, PlacementRule rule) {
    return new Verdict(rule.check(placement, neighbours.near(placement)).stream()
        .map(refusal -> Violation.field(refusal.field(), "tenant '" + placement.tenantId() + "': "
            + refusal.detail()))
        .toList());
  }
}
