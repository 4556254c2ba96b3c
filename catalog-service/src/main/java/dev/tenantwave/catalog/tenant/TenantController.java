package dev.tenantwave.catalog.tenant;

import static dev.tenantwave.catalog.web.Rejections.valueOrProblem;

import dev.tenantwave.catalog.web.HttpPreconditions;
import dev.tenantwave.service.problem.ProblemException;
import dev.tenantwave.service.security.CallerIdentity;
import dev.tenantwave.service.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.security.Principal;
import java.util.List;

/**
 * The tenant API: maps {@link TenantDocument} to and from the service's {@link Tenant} and words the service's
 * rejections as problem documents.
 */
@Controller("/api/v1")
@Secured(Role.VIEWER_NAME)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TenantController {

  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  /** A bulk import request. */
  @Serdeable
  public record ImportRequest(List<TenantDocument> tenants) {}

  private final TenantService service;

  public TenantController(TenantService service) {
    this.service = service;
  }

  @Operation(summary = "List tenants, filtered, one page at a time (cursor pagination, ordered by id)")
  @Get("/tenants")
  public TenantPage list(@QueryValue @Nullable String region, @QueryValue @Nullable String tier,
                         @QueryValue @Nullable String track, @QueryValue @Nullable String cell,
                         @QueryValue @Nullable String status, @QueryValue @Nullable String flag,
                         @QueryValue @Nullable String cursor, @QueryValue @Nullable Integer limit) {
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw ProblemException.badRequest("invalid-limit", "limit must be between 1 and " + MAX_LIMIT + ", was " + size);
    }
    checkFilter("tier", tier, TenantEnums.TIERS);
    checkFilter("track", track, TenantEnums.TRACKS);
    checkFilter("status", status, TenantEnums.STATUSES);
    String flagName = null;
    String flagValue = null;
    if (flag != null && !flag.isBlank()) {
      int colon = flag.lastIndexOf(':');
      boolean explicit = colon > 0 && (flag.endsWith(":true") || flag.endsWith(":false"));
      flagName = explicit ? flag.substring(0, colon) : flag;
      flagValue = explicit ? flag.substring(colon + 1) : "true";
    }
    List<TenantDocument> items = service.search(new TenantQuery(blankToNull(region), tier, track, blankToNull(cell),
        status, flagName, flagValue, HttpPreconditions.afterOf(cursor), size + 1))
        .stream().map(TenantDocument::of).toList();
    if (items.size() > size) {
      items = items.subList(0, size);
      return new TenantPage(items, HttpPreconditions.cursorAfter(items.get(size - 1).id()));
    }
    return new TenantPage(items, null);
  }

  @Operation(summary = "One tenant; the ETag is its version")
  @Get("/tenants/{id}")
  public HttpResponse<TenantDocument> get(@PathVariable String id) {
    TenantDocument tenant = service.find(id).map(TenantDocument::of).orElseThrow(() -> ProblemException.notFound(
        TenantValidator.isValidId(id) ? "no tenant '" + id + "'" : TenantValidator.idProblem(id)));
    return withEtag(HttpResponse.ok(tenant), tenant);
  }

  @Operation(summary = "Create a tenant (operator)")
  @Post("/tenants")
  @Secured(Role.OPERATOR_NAME)
  public HttpResponse<TenantDocument> create(@Body TenantDocument tenant, Principal caller) {
    TenantDocument created = TenantDocument.of(valueOrProblem(service.create(tenant.toTenant(),
        CallerIdentity.of(caller))));
    return withEtag(HttpResponse.created(created, URI.create("/api/v1/tenants/" + created.id())), created);
  }

  @Operation(summary = "Replace a tenant (operator); If-Match or the body's version guards against lost updates")
  @Put("/tenants/{id}")
  @Secured(Role.OPERATOR_NAME)
  public HttpResponse<TenantDocument> replace(@PathVariable String id, @Body TenantDocument tenant,
                                              @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                              Principal caller) {
    TenantDocument after = TenantDocument.of(valueOrProblem(service.replace(id, tenant.toTenant(),
        HttpPreconditions.ifMatch(ifMatch), CallerIdentity.of(caller))));
    return withEtag(HttpResponse.ok(after), after);
  }

  @Operation(summary = "Move a tenant to another cell (and cluster) of its jurisdiction (operator)")
  @Post("/tenants/{id}/move")
  @Secured(Role.OPERATOR_NAME)
  public HttpResponse<TenantDocument> move(@PathVariable String id, @Body MoveRequest move,
                                           @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch, Principal caller) {
    TenantDocument after = TenantDocument.of(valueOrProblem(service.move(id, move, HttpPreconditions.ifMatch(ifMatch),
        CallerIdentity.of(caller))));
    return withEtag(HttpResponse.ok(after), after);
  }

  @Operation(summary = "Move a tenant to another jurisdiction (admin only, audited with its reason)")
  @Post("/tenants/{id}/residency-change")
  @Secured(Role.ADMIN_NAME)
  public HttpResponse<TenantDocument> changeResidency(@PathVariable String id, @Body ResidencyChange change,
                                                      @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                                      Principal caller) {
    TenantDocument after = TenantDocument.of(valueOrProblem(service.changeResidency(id, change,
        HttpPreconditions.ifMatch(ifMatch), CallerIdentity.of(caller))));
    return withEtag(HttpResponse.ok(after), after);
  }

  @Operation(summary = "Delete a tenant (operator); publishes a tombstone")
  @Delete("/tenants/{id}")
  @Secured(Role.OPERATOR_NAME)
  @Status(HttpStatus.NO_CONTENT)
  public void delete(@PathVariable String id, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                     Principal caller) {
    valueOrProblem(service.delete(id, HttpPreconditions.ifMatch(ifMatch), CallerIdentity.of(caller)));
  }

  @Operation(summary = "Import up to 10,000 tenants: all rows or none; refused rows are listed in the problem")
  @Post("/tenant-imports")
  @Secured(Role.OPERATOR_NAME)
  public TenantService.ImportResult importTenants(@Body ImportRequest request, Principal caller) {
    if (request.tenants() == null) {
      throw ProblemException.badRequest("invalid-import", "the body needs a 'tenants' array");
    }
    List<Tenant> tenants = request.tenants().stream().map(row -> row == null ? null : row.toTenant()).toList();
    return valueOrProblem(service.importAll(tenants, CallerIdentity.of(caller)));
  }

  private static HttpResponse<TenantDocument> withEtag(MutableHttpResponse<TenantDocument> response,
                                                       TenantDocument tenant) {
    return response.header(HttpHeaders.ETAG, HttpPreconditions.etag(tenant.version()));
  }

  private static void checkFilter(String name, String value, List<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      throw ProblemException.badRequest("invalid-filter", name + " '" + TenantValidator.abbreviate(value)
          + "' is not one of " + allowed);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
