package dev.tenantwave.rollout.api;

import dev.tenantwave.rollout.Orchestrator;
import dev.tenantwave.rollout.api.ReleaseViews.ActionRequest;
import dev.tenantwave.rollout.api.ReleaseViews.PlanView;
import dev.tenantwave.rollout.api.ReleaseViews.ReleaseDetail;
import dev.tenantwave.rollout.api.ReleaseViews.ReleaseSummary;
import dev.tenantwave.rollout.api.ReleaseViews.TenantPage;
import dev.tenantwave.rollout.api.ReleaseViews.TenantView;
import dev.tenantwave.rollout.catalog.CatalogTenants;
import dev.tenantwave.rollout.plan.PlanParse;
import dev.tenantwave.rollout.plan.PlannedRelease;
import dev.tenantwave.rollout.release.ActionResult;
import dev.tenantwave.rollout.release.OperatorAction;
import dev.tenantwave.rollout.tenant.RolloutStatus;
import dev.tenantwave.rollout.tenant.TenantEvent;
import dev.tenantwave.service.problem.Problem;
import dev.tenantwave.service.problem.ProblemException;
import dev.tenantwave.service.security.CallerIdentity;
import dev.tenantwave.service.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Releases: plan (dry run), create, start, pause, resume, promote, abort, approve contract, and per tenant isolate,
 * roll back and retry. Every action is audited with its caller and reason; one that does not apply in the release's
 * or tenant's state is a 409 that changes nothing.
 */
@Controller("/api/v1/releases")
@Secured(Role.VIEWER_NAME)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReleaseController {

  /** The YAML media type of RFC 9512; Micronaut's constant is the older {@code application/x-yaml}. */
  static final String PLAN_YAML = "application/yaml";
  static final String TEXT_YAML = "text/yaml";

  private final Orchestrator orchestrator;
  private final ReleaseQueries queries;
  private final CatalogTenants catalog;

  public ReleaseController(Orchestrator orchestrator, ReleaseQueries queries, CatalogTenants catalog) {
    this.orchestrator = orchestrator;
    this.queries = queries;
    this.catalog = catalog;
  }

  @Get
  public List<ReleaseSummary> list() throws SQLException {
    return queries.list();
  }

  /** The full plan of a release document against the catalog now: regions, waves, steps, tenants; no side effect. */
  @Post(value = "/dry-run", consumes = {MediaType.APPLICATION_JSON, PLAN_YAML, MediaType.APPLICATION_YAML, TEXT_YAML, MediaType.TEXT_PLAIN})
  public PlanView dryRun(@Body String document) {
    requireCatalog();
    AtomicReference<PlannedRelease> planned = new AtomicReference<>();
    PlanParse parse = orchestrator.dryRun(document, planned::set);
    if (parse instanceof PlanParse.Invalid invalid) {
      throw invalidPlan(invalid);
    }
    return PlanViews.of(planned.get());
  }

  @Post(consumes = {MediaType.APPLICATION_JSON, PLAN_YAML, MediaType.APPLICATION_YAML, TEXT_YAML, MediaType.TEXT_PLAIN})
  @Secured(Role.OPERATOR_NAME)
  public HttpResponse<PlanView> create(@Body String document, Authentication caller) {
    requireCatalog();
    Orchestrator.Created created = orchestrator.create(document, CallerIdentity.of(caller));
    if (created instanceof Orchestrator.Created.Invalid invalid) {
      throw invalidPlan(invalid.invalid());
    }
    if (created instanceof Orchestrator.Created.Duplicate duplicate) {
      throw ProblemException.conflict("release-exists",
          "a release '" + duplicate.releaseId() + "' exists already; give the plan another releaseId");
    }
    if (created instanceof Orchestrator.Created.TenantsBusy busy) {
      throw ProblemException.conflict("tenants-in-another-release", "tenants of this plan are in a release that is"
          + " still under way, and a tenant is switched by one release at a time: " + String.join(", ", busy.tenants())
          + (busy.tenants().size() == 20 ? ", ..." : "") + "; complete or abort that release, or exclude them");
    }
    PlannedRelease release = ((Orchestrator.Created.Done) created).release();
    return HttpResponse.<PlanView>status(HttpStatus.CREATED)
        .header("Location", "/api/v1/releases/" + release.plan().releaseId()).body(PlanViews.of(release));
  }

  @Get("/{id}")
  public ReleaseDetail detail(@PathVariable String id) throws SQLException {
    return queries.detail(id).orElseThrow(() -> unknownRelease(id));
  }

  @Get("/{id}/tenants{?region,wave,state,tenant}")
  public TenantPage tenants(@PathVariable String id, @Nullable @QueryValue String region,
      @Nullable @QueryValue Integer wave, @Nullable @QueryValue String state, @Nullable @QueryValue String tenant)
      throws SQLException {
    if (state != null && Arrays.stream(RolloutStatus.values()).noneMatch(s -> s.name().equals(state))) {
      throw ProblemException.badRequest("invalid-state", "state must be one of "
          + Arrays.toString(RolloutStatus.values()) + ", was '" + state + "'");
    }
    List<TenantView> tenants = queries.tenants(id, region, wave, state, tenant).orElseThrow(() -> unknownRelease(id));
    return new TenantPage(tenants, tenants.size());
  }

  /** Every action on the release and its tenants: who, what, why, when. */
  @Get("/{id}/audit")
  public List<ReleaseViews.AuditView> audit(@PathVariable String id) throws SQLException {
    return queries.audit(id).orElseThrow(() -> unknownRelease(id));
  }

  @Post("/{id}/start")
  @Secured(Role.OPERATOR_NAME)
  public ReleaseDetail start(@PathVariable String id, @Nullable @Body ActionRequest request, Authentication caller)
      throws SQLException {
    return act(id, new OperatorAction.Start(CallerIdentity.of(caller), reason(request)));
  }

  @Post("/{id}/pause")
  @Secured(Role.OPERATOR_NAME)
  public ReleaseDetail pause(@PathVariable String id, @Nullable @Body ActionRequest request, Authentication caller)
      throws SQLException {
    return act(id, new OperatorAction.Pause(CallerIdentity.of(caller), reason(request), region(request)));
  }

  @Post("/{id}/resume")
  @Secured(Role.OPERATOR_NAME)
  public ReleaseDetail resume(@PathVariable String id, @Nullable @Body ActionRequest request, Authentication caller)
      throws SQLException {
    return act(id, new OperatorAction.Resume(CallerIdentity.of(caller), reason(request), region(request)));
  }

  @Post("/{id}/promote")
  @Secured(Role.OPERATOR_NAME)
  public ReleaseDetail promote(@PathVariable String id, @Nullable @Body ActionRequest request, Authentication caller)
      throws SQLException {
    return act(id, new OperatorAction.Promote(CallerIdentity.of(caller), reason(request), region(request)));
  }

  @Post("/{id}/abort")
  @Secured(Role.OPERATOR_NAME)
  public ReleaseDetail abort(@PathVariable String id, @Nullable @Body ActionRequest request, Authentication caller)
      throws SQLException {
    return act(id, new OperatorAction.Abort(CallerIdentity.of(caller), reason(request)));
  }

  @Post("/{id}/approve-contract")
  @Secured(Role.ADMIN_NAME)
  public ReleaseDetail approveContract(@PathVariable String id, @Nullable @Body ActionRequest request,
      Authentication caller) throws SQLException {
    return act(id, new OperatorAction.ApproveContract(CallerIdentity.of(caller), reason(request)));
  }

  @Post("/{id}/tenants/{tenantId}/isolate")
  @Secured(Role.OPERATOR_NAME)
  public ReleaseDetail isolate(@PathVariable String id, @PathVariable String tenantId,
      @Nullable @Body ActionRequest request, Authentication caller) throws SQLException {
    String actor = CallerIdentity.of(caller);
    return act(id, new OperatorAction.ForTenant(actor, reason(request), tenantId,
        new TenantEvent.Isolate(actor, reason(request))));
  }

  @Post("/{id}/tenants/{tenantId}/rollback")
  @Secured(Role.OPERATOR_NAME)
  public ReleaseDetail rollback(@PathVariable String id, @PathVariable String tenantId,
      @Nullable @Body ActionRequest request, Authentication caller) throws SQLException {
    String actor = CallerIdentity.of(caller);
    return act(id, new OperatorAction.ForTenant(actor, reason(request), tenantId,
        new TenantEvent.RollBack(actor, reason(request))));
  }

  @Post("/{id}/tenants/{tenantId}/retry")
  @Secured(Role.OPERATOR_NAME)
  public ReleaseDetail retry(@PathVariable String id, @PathVariable String tenantId,
      @Nullable @Body ActionRequest request, Authentication caller) throws SQLException {
    String actor = CallerIdentity.of(caller);
    return act(id, new OperatorAction.ForTenant(actor, reason(request), tenantId, new TenantEvent.Retry(actor)));
  }

  private ReleaseDetail act(String id, OperatorAction action) throws SQLException {
    ActionResult result = orchestrator.act(id, action);
    if (result instanceof ActionResult.NotFound notFound) {
      throw ProblemException.notFound(notFound.message());
    }
    if (result instanceof ActionResult.Conflict conflict) {
      throw ProblemException.conflict("release-state", conflict.message());
    }
    return queries.detail(id).orElseThrow();
  }

  private void requireCatalog() {
    if (!catalog.isReady()) {
      throw new ProblemException(Problem.of(503, "catalog-loading", "Service unavailable",
          "the tenant catalog is still being read from Kafka; try again in a few seconds"));
    }
  }

  private static String reason(ActionRequest request) {
    return request == null || request.reason() == null || request.reason().isBlank() ? "no reason given"
        : request.reason();
  }

  private static String region(ActionRequest request) {
    return request == null ? null : request.region();
  }

  private static ProblemException unknownRelease(String id) {
    return ProblemException.notFound("no release '" + id + "'");
  }

  private static ProblemException invalidPlan(PlanParse.Invalid invalid) {
    return new ProblemException(Problem.of(422, "invalid-plan", "Invalid release plan",
        invalid.violations().size() + " problem(s) in the plan; each names its field").withErrors(
        invalid.violations().stream().map(v -> Problem.Violation.field(v.field(), v.message())).toList()));
  }
}
