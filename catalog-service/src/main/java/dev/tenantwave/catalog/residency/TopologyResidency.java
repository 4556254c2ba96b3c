package dev.tenantwave.catalog.residency;

import java.util.Objects;
import java.util.Optional;

/**
 * Residency of the topology itself: a change to a region, cell or cluster must leave every tenant's cell and cluster
 * in its jurisdiction, and every tenant in the region of its cell. Each rule returns the refusal, if any.
 */
public final class TopologyResidency {

  /** Why a topology change is refused: a problem type and a detail that names what and why. */
  public record Refusal(String type, String detail) {}

  private static final String VIOLATION = "residency-violation";

  private TopologyResidency() {}

  /** A region in use (it has cells, clusters or tenants) keeps its jurisdiction. */
  public static Optional<Refusal> jurisdictionChange(String region, String before, String after, boolean inUse) {
    if (!inUse || before == null || before.equals(after)) {
      return Optional.empty();
    }
    return Optional.of(new Refusal(VIOLATION, "region '" + region + "' is in jurisdiction " + before
        + " and has cells, clusters or tenants; changing it to " + after + " would move their data's jurisdiction."
        + " Create a new region instead."));
  }

  /** A cell or cluster serving tenants stays in their jurisdiction. */
  public static Optional<Refusal> relocation(String kind, String id, long tenants, String fromJurisdiction,
      String toRegion, String toJurisdiction) {
    if (tenants == 0 || Objects.equals(fromJurisdiction, toJurisdiction)) {
      return Optional.empty();
    }
    return Optional.of(new Refusal(VIOLATION, kind + " '" + id + "' serves " + tenants + " tenants in jurisdiction "
        + fromJurisdiction + "; moving it to region '" + toRegion + "' (" + toJurisdiction + ") would take them out"
        + " of it. Move the tenants first."));
  }

  /**
   * A cell moves to another region only when none of its tenants is left in a region other than its cell's:
   * {@code tenantsElsewhere} counts the cell's tenants whose region is not {@code toRegion}.
   */
  public static Optional<Refusal> cellMove(String cell, String fromRegion, String toRegion, long tenantsElsewhere) {
    if (Objects.equals(fromRegion, toRegion) || tenantsElsewhere == 0) {
      return Optional.empty();
    }
    return Optional.of(new Refusal(VIOLATION, "cell '" + cell + "' serves " + tenantsElsewhere + " tenants in region"
        + " '" + fromRegion + "'; moving it to region '" + toRegion + "' would leave them in another region than"
        + " their cell. Move the tenants first."));
  }
}
