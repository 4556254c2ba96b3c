package dev.tenantwave.rollout.release;

import dev.tenantwave.rollout.tenant.Effect;
import dev.tenantwave.rollout.tenant.RolloutStatus;
import dev.tenantwave.rollout.tenant.TenantRollout;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A release's state, read and written inside one transaction: {@link #lock} serializes everyone working on the
 * release (instances included), and effects go to the outbox in the same transaction as the state they follow from.
 */
public interface ReleaseStore {

  Optional<Release> lock(String releaseId);

  void save(Release release);

  List<TenantRollout> tenants(String releaseId, Collection<String> tenantIds);

  List<TenantRollout> tenantsOfStage(String releaseId, String region, int stage);

  List<TenantRollout> tenantsIn(String releaseId, Set<RolloutStatus> statuses);

  void update(String releaseId, Collection<TenantRollout> tenants);

  Tally tally(String releaseId);

  /** Publishes one tenant's effect; a command also gets a deadline for its answer. */
  void emit(Release release, TenantRollout tenant, Effect effect);

  /** A cohort step was entered ({@code rollout.promotions.v1}). */
  void stageStarted(Release release, Stage stage, List<String> tenantIds);

  /** The release changed ({@code release.status.v1}). */
  void statusChanged(Release release, Tally tally);

  void audit(String actor, String action, String releaseId, String tenantId, String reason);
}
