package dev.tenantwave.migration.run;

import dev.tenantwave.migration.set.MigrationSet;
import dev.tenantwave.migration.tenancy.TenantPlacement;

/** Runs (or re-announces, or refuses) one command against the tenant's database, reporting as it goes. */
public interface PhaseRunner {

  /** @return the final progress (SUCCEEDED or FAILED), already reported to the listener */
  Progress run(TenantPlacement tenant, MigrationSet set, MigrationCommand command, ProgressListener listener);
}
