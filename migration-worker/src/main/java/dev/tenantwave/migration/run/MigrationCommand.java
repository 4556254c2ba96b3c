package dev.tenantwave.migration.run;

import dev.tenantwave.migration.set.Phase;
import java.util.Objects;
import java.util.UUID;

/** Run one phase of one migration set for one tenant (TenantMigrationRequested, in domain terms). */
public record MigrationCommand(
    UUID commandId, long sequence, String releaseId, String tenantId, String migrationSet, Phase phase, int attempt) {

  public MigrationCommand {
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(migrationSet, "migrationSet");
    Objects.requireNonNull(phase, "phase");
  }

  public static MigrationCommand of(String releaseId, String tenantId, String migrationSet, Phase phase) {
    return new MigrationCommand(UUID.randomUUID(), 0, releaseId, tenantId, migrationSet, phase, 1);
  }
}
