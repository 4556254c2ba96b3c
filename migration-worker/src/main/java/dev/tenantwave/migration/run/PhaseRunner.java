package dev.tenantwave.migration.run;

import dev.tenantwave.migration.set.MigrationSet;
import dev.tenantwave.migration.tenancy.TenantPlacement;

/** Runs (or re-announces, or refuses) one command against the tenant's database, reporting as it goes. */
public interface PhaseRunner {

  /** @return the final progress (SUCCEEDED or FAILED), already reported to the listener */
  Progress run(TenantPlacement tenant, MigrationSet set, MigrationCommand command, ProgressListener listener);

  /**
   * For a command seen before: announces what the tenant's history recorded for the phase, running nothing. A
   * phase with no history (the first delivery was refused before any SQL) is decided again, which runs no SQL
   * either unless nothing had happened.
   */
  Progress reannounce(TenantPlacement tenant, MigrationSet set, MigrationCommand command, ProgressListener listener);
}
