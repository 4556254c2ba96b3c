package dev.tenantwave.migration.audit;

import dev.tenantwave.migration.config.MigrationSettings;
import dev.tenantwave.migration.database.ConnectionPools;
import dev.tenantwave.migration.tenancy.TenancyModel;
import dev.tenantwave.migration.tenancy.TenantDirectory;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import dev.tenantwave.service.security.Role;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Lists isolation weaknesses of every database that holds POOLED tenants (seed 002's checks). */
@Controller("/api/v1/isolation-audit")
@Secured(Role.VIEWER_NAME)
public class IsolationAuditController {

  private final TenantDirectory directory;
  private final ConnectionPools pools;
  private final MigrationSettings settings;

  public IsolationAuditController(TenantDirectory directory, ConnectionPools pools, MigrationSettings settings) {
    this.directory = directory;
    this.pools = pools;
    this.settings = settings;
  }

  @Get
  @ExecuteOn(TaskExecutors.BLOCKING)
  public List<DatabaseAudit> audit() {
    Set<List<String>> databases = new LinkedHashSet<>();
    for (TenantPlacement tenant : directory.all()) {
      if (tenant.model() == TenancyModel.POOLED && settings.getRegions().contains(tenant.region())) {
        databases.add(List.of(tenant.cluster(), tenant.database()));
      }
    }
    List<DatabaseAudit> audits = new ArrayList<>();
    for (List<String> database : databases) {
      try {
        audits.add(new DatabaseAudit(database.get(0), database.get(1),
            IsolationAudit.audit(pools.owner(database.get(0), database.get(1)), settings.getTenantColumn()), null));
      } catch (Exception e) {
        audits.add(new DatabaseAudit(database.get(0), database.get(1), List.of(),
            "could not audit: " + e.getMessage()));
      }
    }
    return audits;
  }
}
