package dev.tenantwave.migration.set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MigrationSetLoaderTest {

  @Test
  void shouldLoadTheShippedSetWithAChecksumPerScript() {
    MigrationSet set = MigrationSetLoader.classpath().load("2026-11-deal-stages");
    assertThat(set.manifest().backfillTable()).isEqualTo("deals");
    assertThat(set.optionalScript(Phase.ROLLBACK_MIGRATE)).isPresent();
    assertThat(set.script(Phase.EXPAND).checksum()).startsWith("sha256:").hasSize(71);
    assertThat(set.script(Phase.EXPAND).checksum()).isNotEqualTo(set.script(Phase.MIGRATE).checksum());
    assertThat(set.script(Phase.MIGRATE).statements()).hasSize(2);
  }

  @Test
  void checksumShouldIgnoreLineEndingsButNotContent() {
    assertThat(Script.of("a", "SELECT 1;\n").checksum()).isEqualTo(Script.of("a", "SELECT 1;\r\n").checksum());
    assertThat(Script.of("a", "SELECT 1;").checksum()).isNotEqualTo(Script.of("a", "SELECT 2;").checksum());
  }

  @Test
  void shouldNameWhatIsMissing() {
    assertThatThrownBy(() -> MigrationSetLoader.classpath().load("no-such-set"))
        .hasMessageContaining("no migration set 'no-such-set'");
    assertThatThrownBy(() -> MigrationSetLoader.classpath().load("../etc"))
        .isInstanceOf(InvalidMigrationSetException.class);
  }
}
