package dev.tenantwave.rollout.release;

import dev.tenantwave.rollout.tenant.Effect;
import dev.tenantwave.rollout.tenant.RolloutStatus;
import dev.tenantwave.rollout.tenant.TenantRollout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link ReleaseStore} in memory: the engine's port without a database, recording what it would publish. */
final class InMemoryReleaseStore implements ReleaseStore {

  record Emitted(String tenantId, Effect effect) {}

  private Release release;
  private final Map<String, TenantRollout> tenants = new LinkedHashMap<>();
  final List<Emitted> emitted = new ArrayList<>();
  final List<Stage> stagesStarted = new ArrayList<>();
  final List<String> audit = new ArrayList<>();
  int statusUpdates;

  InMemoryReleaseStore(Release release, List<TenantRollout> planned) {
    this.release = release;
    planned.forEach(t -> tenants.put(t.tenantId(), t));
  }

  Release release() {
    return release;
  }

  TenantRollout tenant(String id) {
    return tenants.get(id);
  }

  @Override
  public Optional<Release> lock(String releaseId) {
    return release.id().equals(releaseId) ? Optional.of(release) : Optional.empty();
  }

  @Override
  public void save(Release updated) {
    release = new Release(updated.id(), updated.plan(), updated.state(), updated.stateReason(), updated.regions(),
        updated.stages(), updated.approvedBy(), updated.approvedAt(), updated.version() + 1);
  }

  @Override
  public List<TenantRollout> tenants(String releaseId, Collection<String> tenantIds) {
    return tenantIds.stream().map(tenants::get).filter(t -> t != null).toList();
  }

  @Override
  public List<TenantRollout> tenantsOfStage(String releaseId, String region, int stage) {
    return tenants.values().stream().filter(t -> t.region().equals(region) && t.stage() == stage)
        .sorted(Comparator.comparing(TenantRollout::tenantId)).toList();
  }

  @Override
  public List<TenantRollout> tenantsIn(String releaseId, Set<RolloutStatus> statuses) {
    return tenants.values().stream().filter(t -> statuses.contains(t.status())).toList();
  }

  @Override
  public void update(String releaseId, Collection<TenantRollout> changed) {
    changed.forEach(t -> tenants.put(t.tenantId(), t));
  }

  @Override
  public Tally tally(String releaseId) {
    Tally tally = new Tally();
    tenants.values().forEach(t -> tally.add(t.region(), t.stage(), t.wave(), t.status(), 1, t.failed() ? 1 : 0));
    return tally;
  }

  @Override
  public void emit(Release release, TenantRollout tenant, Effect effect) {
    emitted.add(new Emitted(tenant.tenantId(), effect));
  }

  @Override
  public void stageStarted(Release release, Stage stage, List<String> tenantIds) {
    stagesStarted.add(stage);
  }

  @Override
  public void statusChanged(Release release, Tally tally) {
    statusUpdates++;
  }

  @Override
  public void audit(String actor, String action, String releaseId, String tenantId, String reason) {
    audit.add(actor + " " + action + (tenantId == null ? "" : " " + tenantId) + ": " + reason);
  }
}
