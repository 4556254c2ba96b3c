package dev.tenantwave.catalog.routes;

import dev.tenantwave.catalog.tenant.Tenant;
import dev.tenantwave.catalog.tenant.TenantService;
import dev.tenantwave.catalog.tenant.TenantValidator;
import dev.tenantwave.service.problem.ProblemException;
import dev.tenantwave.service.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;

/** Where a tenant's requests and data go. Services on the hot path should use a CatalogView instead. */
@Controller("/api/v1/routes")
@Secured(Role.VIEWER_NAME)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RouteController {

  @Serdeable
  public record Route(String tenantId, String region, String jurisdiction, String cell, String cluster,
                      String tenancy, String database, @Nullable String schema, long version) {}

  private final TenantService tenants;

  public RouteController(TenantService tenants) {
    this.tenants = tenants;
  }

  @Operation(summary = "Cell, cluster, database/schema and tenancy model of a tenant")
  @Get("/{tenantId}")
  public Route route(@PathVariable String tenantId) {
    Tenant t = tenants.find(tenantId).orElseThrow(() -> ProblemException.notFound(
        TenantValidator.isValidId(tenantId) ? "no tenant '" + tenantId + "'" : TenantValidator.idProblem(tenantId)));
    return new Route(t.id(), t.region(), t.jurisdiction(), t.cell(), t.cluster(), t.tenancy(), t.database(),
        t.schema(), t.version());
  }
}
