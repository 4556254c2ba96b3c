package dev.tenantwave.rollout.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.rollout.plan.FailurePolicy;
import dev.tenantwave.rollout.plan.GateSettings;
import dev.tenantwave.rollout.plan.InconclusivePolicy;
import dev.tenantwave.rollout.plan.RegionOrder;
import dev.tenantwave.rollout.plan.ReleasePlan;
import dev.tenantwave.rollout.plan.Tenancy;
import dev.tenantwave.rollout.plan.Tier;
import dev.tenantwave.rollout.tenant.Effect;
import dev.tenantwave.rollout.tenant.MigrationStep;
import dev.tenantwave.rollout.tenant.RolloutStatus;
import dev.tenantwave.rollout.tenant.TenantEvent;
import dev.tenantwave.rollout.tenant.TenantEvent.Verdict.Outcome;
import dev.tenantwave.rollout.tenant.TenantRollout;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The release's pipelines over the engine's port: steps, waves, regions, failure budget, operator actions. */
class ReleaseEngineTest {

  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final WindowCalendar ALWAYS_OPEN = (tenant, now) -> Optional.empty();

  private final ReleaseEngine engine = new ReleaseEngine(ALWAYS_OPEN, Clock.fixed(NOW, ZoneOffset.UTC));

  /** Two regions; eu-west: wave 0 (1 stage, e1), wave 1 (2 stages: e2 | e3, e4); us-east: wave 0 (u1, u2). */
  private InMemoryReleaseStore store(RegionOrder order, String migrationSet, int maxFailed) {
    ReleasePlan plan = new ReleasePlan("r1", "2.0", "1.0", migrationSet, order, List.of(), GateSettings.defaults(),
        new FailurePolicy(maxFailed, true, InconclusivePolicy.HOLD), true, null);
    List<Stage> stages = List.of(new Stage("eu-west", 0, 0, "internal", 0, 100),
        new Stage("eu-west", 1, 1, "smb", 0, 50), new Stage("eu-west", 2, 1, "smb", 1, 100),
        new Stage("us-east", 0, 0, "smb", 0, 100));
    Release release = new Release("r1", plan, ReleaseState.DRAFT, null,
        List.of(RegionProgress.waiting("eu-west", 0), RegionProgress.waiting("us-east", 1)), stages, null, null, 0);
    List<TenantRollout> tenants = new ArrayList<>();
    tenants.add(TenantRollout.planned("e1", "eu-west", 0, 0, Tier.SMB, Tenancy.POOLED));
    tenants.add(TenantRollout.planned("e2", "eu-west", 1, 1, Tier.SMB, Tenancy.SCHEMA));
    tenants.add(TenantRollout.planned("e3", "eu-west", 2, 1, Tier.SMB, Tenancy.DATABASE));
    tenants.add(TenantRollout.planned("e4", "eu-west", 2, 1, Tier.SMB, Tenancy.POOLED));
    tenants.add(TenantRollout.planned("u1", "us-east", 0, 0, Tier.SMB, Tenancy.SCHEMA));
    tenants.add(TenantRollout.planned("u2", "us-east", 0, 0, Tier.SMB, Tenancy.SCHEMA));
    return new InMemoryReleaseStore(release, tenants);
  }

  private void verdict(InMemoryReleaseStore store, String tenant, Outcome outcome) {
    engine.onTenantEvents(store, "r1", List.of(new TenantInput("r1", tenant,
        new TenantEvent.Verdict(outcome, "5xx", 0.5, 0.05, 0.01, "bad"))));
  }

  private ActionResult act(InMemoryReleaseStore store, OperatorAction action) {
    return engine.act(store, "r1", action);
  }

  @Test
  void shouldRunRegionsInParallelStepByStepAndWaitForApproval() {
    InMemoryReleaseStore store = store(RegionOrder.PARALLEL, "set", 0);
    act(store, new OperatorAction.Start("op", "go"));
    assertThat(store.stagesStarted).extracting(Stage::region, Stage::index)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("eu-west", 0), org.assertj.core.groups.Tuple.tuple("us-east", 0));
    assertThat(store.tenant("e1").status()).isEqualTo(RolloutStatus.EXPANDING);
    assertThat(store.tenant("e2").status()).isEqualTo(RolloutStatus.WAITING);
    for (String t : List.of("e1", "u1", "u2")) {
      pass(store, t);
    }
    assertThat(store.release().region("us-east").orElseThrow().state()).isEqualTo(RegionState.COMPLETED);
    assertThat(store.tenant("e2").status()).isEqualTo(RolloutStatus.EXPANDING);
    assertThat(store.tenant("e3").status()).isEqualTo(RolloutStatus.WAITING);
    pass(store, "e2");
    pass(store, "e3");
    assertThat(store.release().state()).isEqualTo(ReleaseState.RUNNING);
    pass(store, "e4");
    assertThat(store.release().state()).isEqualTo(ReleaseState.AWAITING_CONTRACT_APPROVAL);
    assertThat(act(store, new OperatorAction.ApproveContract("boss", "ok"))).isInstanceOf(ActionResult.Done.class);
    assertThat(store.release().state()).isEqualTo(ReleaseState.CONTRACTING);
    for (String t : List.of("e1", "e2", "e3", "e4", "u1", "u2")) {
      finish(store, t, MigrationStep.CONTRACT);
    }
    assertThat(store.release().state()).isEqualTo(ReleaseState.COMPLETED);
    assertThat(act(store, new OperatorAction.ForTenant("op", "late", "e1", new TenantEvent.RollBack("op", "late"))))
        .isInstanceOfSatisfying(ActionResult.Conflict.class, c -> assertThat(c.message()).contains("point of no return"));
    assertThat(act(store, new OperatorAction.ApproveContract("boss", "again"))).isInstanceOf(ActionResult.Conflict.class);
  }

  @Test
  void shouldStartTheNextRegionOnlyWhenTheOneBeforeCompletedWhenSequential() {
    InMemoryReleaseStore store = store(RegionOrder.SEQUENTIAL, null, 0);
    act(store, new OperatorAction.Start("op", "go"));
    assertThat(store.release().region("us-east").orElseThrow().state()).isEqualTo(RegionState.WAITING);
    for (String t : List.of("e1", "e2", "e3", "e4")) {
      verdict(store, t, Outcome.PASS);
    }
    assertThat(store.tenant("u1").status()).isEqualTo(RolloutStatus.BAKING);
    verdict(store, "u1", Outcome.PASS);
    verdict(store, "u2", Outcome.PASS);
    assertThat(store.release().state()).isEqualTo(ReleaseState.COMPLETED);
  }

  @Test
  void shouldPauseOnlyTheRegionWhoseWaveFailedBeyondItsBudgetAndGoOnWhenResumed() {
    InMemoryReleaseStore store = store(RegionOrder.PARALLEL, null, 0);
    act(store, new OperatorAction.Start("op", "go"));
    verdict(store, "e1", Outcome.FAIL);
    assertThat(store.tenant("e1").status()).isEqualTo(RolloutStatus.ROLLED_BACK);
    RegionProgress eu = store.release().region("eu-west").orElseThrow();
    assertThat(eu.state()).isEqualTo(RegionState.PAUSED);
    assertThat(eu.pausedReason()).contains("wave internal: 1 failed tenant(s), the failure policy tolerates 0");
    verdict(store, "u1", Outcome.PASS);
    verdict(store, "u2", Outcome.PASS);
    assertThat(store.release().region("us-east").orElseThrow().state()).isEqualTo(RegionState.COMPLETED);
    assertThat(store.tenant("e2").status()).isEqualTo(RolloutStatus.WAITING);
    assertThat(act(store, new OperatorAction.Resume("op", "accepted", "eu-west"))).isInstanceOf(ActionResult.Done.class);
    assertThat(store.tenant("e2").status()).isEqualTo(RolloutStatus.BAKING);
  }

  @Test
  void shouldRollBackATenantWhoseBackfillFailedAndGoOnWithinTheWavesBudget() {
    InMemoryReleaseStore store = store(RegionOrder.PARALLEL, "set", 1);
    act(store, new OperatorAction.Start("op", "go"));
    finish(store, "u1", MigrationStep.EXPAND);
    engine.onTenantEvents(store, "r1", List.of(new TenantInput("r1", "u1",
        new TenantEvent.MigrationFinished(MigrationStep.MIGRATE, false, "statement timeout"))));
    assertThat(store.tenant("u1").status()).isEqualTo(RolloutStatus.ROLLING_BACK);
    assertThat(store.emitted).contains(new InMemoryReleaseStore.Emitted("u1",
        new Effect.SendCommand(MigrationStep.ROLLBACK_MIGRATE, 1)));
    finish(store, "u1", MigrationStep.ROLLBACK_MIGRATE);
    finish(store, "u1", MigrationStep.ROLLBACK_EXPAND);
    assertThat(store.tenant("u1").status()).isEqualTo(RolloutStatus.ROLLED_BACK);
    pass(store, "u2");
    assertThat(store.release().region("us-east").orElseThrow().state()).isEqualTo(RegionState.COMPLETED);
  }

  @Test
  void shouldPromoteAStepsBakingTenantsAndRefuseToPromoteAFinishedRegion() {
    InMemoryReleaseStore store = store(RegionOrder.PARALLEL, null, 0);
    act(store, new OperatorAction.Start("op", "go"));
    verdict(store, "u1", Outcome.PASS);
    assertThat(act(store, new OperatorAction.Promote("op", "enough", "us-east"))).isInstanceOf(ActionResult.Done.class);
    assertThat(store.tenant("u2").status()).isEqualTo(RolloutStatus.PASSED);
    assertThat(act(store, new OperatorAction.Promote("op", "again", "us-east")))
        .isInstanceOf(ActionResult.Conflict.class);
    assertThat(act(store, new OperatorAction.Promote("op", "?", "mars")))
        .isInstanceOfSatisfying(ActionResult.Conflict.class, c -> assertThat(c.message()).contains("no region 'mars'"));
  }

  @Test
  void shouldRollBackEverythingNotContractedOnAbort() {
    InMemoryReleaseStore store = store(RegionOrder.PARALLEL, "set", 0);
    act(store, new OperatorAction.Start("op", "go"));
    pass(store, "u1");
    assertThat(act(store, new OperatorAction.Abort("op", "bad release"))).isInstanceOf(ActionResult.Done.class);
    assertThat(store.release().state()).isEqualTo(ReleaseState.ABORTING);
    assertThat(store.tenant("e2").status()).isEqualTo(RolloutStatus.ROLLED_BACK);
    assertThat(store.tenant("u1").status()).isEqualTo(RolloutStatus.ROLLING_BACK);
    assertThat(store.emitted).contains(new InMemoryReleaseStore.Emitted("u1",
        new Effect.SendCommand(MigrationStep.ROLLBACK_MIGRATE, 1)));
    finish(store, "u1", MigrationStep.ROLLBACK_MIGRATE);
    finish(store, "u1", MigrationStep.ROLLBACK_EXPAND);
    // e1 and u2 were still expanding: their EXPAND answers, then their rollbacks
    for (String t : List.of("e1", "u2")) {
      finish(store, t, MigrationStep.EXPAND);
      finish(store, t, MigrationStep.ROLLBACK_EXPAND);
    }
    assertThat(store.release().state()).isEqualTo(ReleaseState.ABORTED);
    assertThat(act(store, new OperatorAction.Abort("op", "twice"))).isInstanceOf(ActionResult.Conflict.class);
  }

  @Test
  void shouldRefuseActionsInTheWrongStateAndUnknownTenants() {
    InMemoryReleaseStore store = store(RegionOrder.PARALLEL, null, 0);
    assertThat(act(store, new OperatorAction.Pause("op", "x", null))).isInstanceOf(ActionResult.Conflict.class);
    assertThat(act(store, new OperatorAction.ApproveContract("boss", "x"))).isInstanceOf(ActionResult.Conflict.class);
    assertThat(act(store, new OperatorAction.ForTenant("op", "x", "e1", new TenantEvent.Isolate("op", "x"))))
        .isInstanceOf(ActionResult.Conflict.class);
    act(store, new OperatorAction.Start("op", "go"));
    assertThat(act(store, new OperatorAction.Start("op", "again"))).isInstanceOf(ActionResult.Conflict.class);
    assertThat(act(store, new OperatorAction.ForTenant("op", "x", "nobody", new TenantEvent.Isolate("op", "x"))))
        .isInstanceOf(ActionResult.NotFound.class);
    assertThat(engine.act(store, "r2", new OperatorAction.Start("op", "x"))).isInstanceOf(ActionResult.NotFound.class);
    assertThat(act(store, new OperatorAction.Pause("op", "look", null))).isInstanceOf(ActionResult.Done.class);
    assertThat(act(store, new OperatorAction.Pause("op", "look", null))).isInstanceOf(ActionResult.Conflict.class);
    assertThat(store.audit).containsExactly("op start: go", "op pause: look");
  }

  @Test
  void shouldNotCountAnIsolatedTenantAgainstItsStep() {
    InMemoryReleaseStore store = store(RegionOrder.PARALLEL, null, 0);
    act(store, new OperatorAction.Start("op", "go"));
    verdict(store, "u1", Outcome.PASS);
    act(store, new OperatorAction.ForTenant("op", "escalation", "u2", new TenantEvent.Isolate("op", "escalation")));
    assertThat(store.release().region("us-east").orElseThrow().state()).isEqualTo(RegionState.COMPLETED);
    verdict(store, "u2", Outcome.FAIL);
    assertThat(store.tenant("u2").status()).isEqualTo(RolloutStatus.ISOLATED);
  }

  @Test
  void shouldStartAnEnterpriseTenantOnlyInsideItsMaintenanceWindow() {
    Instant opens = NOW.plusSeconds(7_200);
    ReleaseEngine windowed = new ReleaseEngine((tenant, now) -> tenant.equals("u2") ? Optional.of(opens)
        : Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC));
    InMemoryReleaseStore store = store(RegionOrder.PARALLEL, null, 0);
    store.update("r1", List.of(new TenantRollout("u2", "us-east", 0, 0, Tier.ENTERPRISE, Tenancy.DATABASE,
        RolloutStatus.WAITING, null, 0, false, false, false, false, false, null)));
    windowed.act(store, "r1", new OperatorAction.Start("op", "go"));
    assertThat(store.tenant("u1").status()).isEqualTo(RolloutStatus.BAKING);
    assertThat(store.tenant("u2").status()).isEqualTo(RolloutStatus.WINDOW_WAIT);
    assertThat(store.emitted).contains(new InMemoryReleaseStore.Emitted("u2", new Effect.WakeAt(opens)));
    windowed.onTenantEvents(store, "r1", List.of(new TenantInput("r1", "u2", new TenantEvent.WindowOpened())));
    assertThat(store.tenant("u2").status()).isEqualTo(RolloutStatus.BAKING);
  }

  private void pass(InMemoryReleaseStore store, String tenant) {
    finish(store, tenant, MigrationStep.EXPAND);
    finish(store, tenant, MigrationStep.MIGRATE);
    verdict(store, tenant, Outcome.PASS);
  }

  private void finish(InMemoryReleaseStore store, String tenant, MigrationStep step) {
    engine.onTenantEvents(store, "r1", List.of(new TenantInput("r1", tenant,
        new TenantEvent.MigrationFinished(step, true, null))));
  }
}
