package dev.tenantwave.migration.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.migration.set.MigrationSet;
import dev.tenantwave.migration.set.MigrationSetLoader;
import dev.tenantwave.migration.set.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhasePolicyTest {

  private final MigrationSet set = MigrationSetLoader.classpath().load("2026-11-deal-stages");
  private final List<PhaseRecord> rows = new ArrayList<>();

  private PhasePolicyTest given(Phase phase, PhaseState state) {
    return given(phase, state, set.script(phase).checksum(), null);
  }

  private PhasePolicyTest given(Phase phase, PhaseState state, String checksum, Long cursor) {
    rows.add(new PhaseRecord(phase, checksum, state, cursor, 0, null, 1, Instant.EPOCH, null, null));
    return this;
  }

  private Decision decide(Phase phase) {
    return PhasePolicy.decide(new TenantHistory(rows), set, phase);
  }

  @Test
  void shouldRunExpandOnAFreshTenantAndReannounceItOnceDone() {
    assertThat(decide(Phase.EXPAND)).isEqualTo(new Decision.Run(List.of(Phase.EXPAND), null));
    given(Phase.EXPAND, PhaseState.SUCCEEDED);
    assertThat(decide(Phase.EXPAND)).isInstanceOf(Decision.AlreadyDone.class);
  }

  @Test
  void shouldKeepTheOrderOfPhases() {
    assertThat(decide(Phase.MIGRATE)).isInstanceOf(Decision.Refused.class);
    given(Phase.EXPAND, PhaseState.SUCCEEDED);
    assertThat(decide(Phase.CONTRACT)).isInstanceOf(Decision.Refused.class);
  }

  @Test
  void shouldResumeAnInterruptedBackfillFromItsCursor() {
    given(Phase.EXPAND, PhaseState.SUCCEEDED).given(Phase.MIGRATE, PhaseState.RUNNING,
        set.script(Phase.MIGRATE).checksum(), 4_200L);
    assertThat(decide(Phase.MIGRATE)).isEqualTo(new Decision.Run(List.of(Phase.MIGRATE), 4_200L));
  }

  @Test
  void shouldCallAChangedScriptDrift() {
    given(Phase.EXPAND, PhaseState.SUCCEEDED, "sha256:old", null);
    assertThat(decide(Phase.EXPAND)).isInstanceOf(Decision.Drift.class);
    assertThat(decide(Phase.MIGRATE)).isInstanceOfSatisfying(Decision.Drift.class,
        d -> assertThat(d.message()).contains("expand.sql", "sha256:old"));
  }

  @Test
  void shouldRollBackInReverseBeforeContract() {
    given(Phase.EXPAND, PhaseState.SUCCEEDED).given(Phase.MIGRATE, PhaseState.FAILED);
    assertThat(decide(Phase.ROLLBACK_EXPAND))
        .isEqualTo(new Decision.Run(List.of(Phase.ROLLBACK_MIGRATE, Phase.ROLLBACK_EXPAND), null));
    assertThat(decide(Phase.ROLLBACK_MIGRATE)).isEqualTo(new Decision.Run(List.of(Phase.ROLLBACK_MIGRATE), null));
  }

  @Test
  void shouldRefuseRollbackAfterContract() {
    given(Phase.EXPAND, PhaseState.SUCCEEDED).given(Phase.MIGRATE, PhaseState.SUCCEEDED)
        .given(Phase.CONTRACT, PhaseState.SUCCEEDED);
    assertThat(decide(Phase.ROLLBACK_EXPAND)).isEqualTo(new Decision.Refused(PhasePolicy.POINT_OF_NO_RETURN));
    assertThat(decide(Phase.ROLLBACK_MIGRATE)).isEqualTo(new Decision.Refused(PhasePolicy.POINT_OF_NO_RETURN));
  }

  @Test
  void shouldAllowExpandAgainAfterARollback() {
    given(Phase.EXPAND, PhaseState.ROLLED_BACK).given(Phase.MIGRATE, PhaseState.ROLLED_BACK);
    assertThat(decide(Phase.EXPAND)).isEqualTo(new Decision.Run(List.of(Phase.EXPAND), null));
    assertThat(decide(Phase.ROLLBACK_EXPAND)).isInstanceOf(Decision.AlreadyDone.class);
  }
}
