package dev.tenantwave.rollout.console;

import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.rollout.api.ReleaseQueries;
import dev.tenantwave.rollout.api.ReleaseViews.ReleaseDetail;
import dev.tenantwave.rollout.api.ReleaseViews.TenantView;
import dev.tenantwave.rollout.catalog.CatalogTenants;
import dev.tenantwave.rollout.console.ConsoleViews.Caller;
import dev.tenantwave.rollout.console.ConsoleViews.GatesView;
import dev.tenantwave.rollout.console.ConsoleViews.Placement;
import dev.tenantwave.rollout.console.ConsoleViews.PolicyView;
import dev.tenantwave.rollout.console.ConsoleViews.ReleaseGrid;
import dev.tenantwave.rollout.console.ConsoleViews.TenantPanel;
import dev.tenantwave.rollout.plan.ReleasePlan;
import dev.tenantwave.service.problem.ProblemException;
import dev.tenantwave.service.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * The console's own reads: who is calling, a release's tenants in columns, one tenant's panel, and the live deltas
 * as server-sent events. Actions go to the release API ({@code /api/v1/releases}), which checks roles itself.
 */
@Controller("/console/api")
@Secured(Role.VIEWER_NAME)
public class ConsoleController {

  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final ReleaseQueries releases;
  private final ConsoleQueries queries;
  private final TenantSignals signals;
  private final ConsoleHub hub;
  private final CatalogTenants catalog;

  public ConsoleController(ReleaseQueries releases, ConsoleQueries queries, TenantSignals signals, ConsoleHub hub,
      CatalogTenants catalog) {
    this.releases = releases;
    this.queries = queries;
    this.signals = signals;
    this.hub = hub;
    this.catalog = catalog;
  }

  @Get("/me")
  public Caller me(Authentication caller) {
    List<String> roles = List.copyOf(caller.getRoles());
    Object role = caller.getAttributes().get("role");
    return new Caller(caller.getName(), role == null ? Role.VIEWER_NAME : role.toString(),
        roles.contains(Role.OPERATOR_NAME), roles.contains(Role.ADMIN_NAME));
  }

  @Get("/releases/{id}/grid")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public ReleaseGrid grid(@PathVariable String id) throws SQLException {
    ReleaseDetail detail = releases.detail(id).orElseThrow(() -> unknownRelease(id));
    ReleasePlan plan = queries.plan(id).orElseThrow(() -> unknownRelease(id));
    ConsoleQueries.Columns columns = queries.tenants(id);
    return new ReleaseGrid(detail, PolicyView.of(plan.failurePolicy()), GatesView.of(plan.gates()),
        columns.regions(), columns.tiers(), Arrays.asList(GridState.values()), columns.tenants());
  }

  @Get("/releases/{id}/tenants/{tenantId}")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public TenantPanel tenant(@PathVariable String id, @PathVariable String tenantId) throws SQLException {
    ReleasePlan plan = queries.plan(id).orElseThrow(() -> unknownRelease(id));
    TenantView tenant = releases.tenants(id, null, null, null, tenantId).orElseThrow(() -> unknownRelease(id))
        .stream().findFirst().orElseThrow(() -> ProblemException.notFound(
            "no tenant '" + tenantId + "' in release '" + id + "'"));
    TenantSignals.Snapshot seen = signals.of(id, tenantId);
    return new TenantPanel(tenant, plan.appVersion(), plan.previousAppVersion(), GatesView.of(plan.gates()),
        catalog.entry(tenantId).map(ConsoleController::placement).orElse(null), seen.verdicts(), seen.windows(),
        seen.progress());
  }

  /**
   * Deltas of one release but its gate windows (or, without {@code release}, the state changes of every release;
   * with {@code tenant}, only that tenant's windows, for its open panel) in batches; a {@code ping} every 15 s keeps
   * idle connections open. A {@code resync} event asks the page to reload its snapshot.
   */
  @Get(value = "/events", produces = MediaType.TEXT_EVENT_STREAM)
  public Publisher<Event<?>> events(@Nullable @QueryValue String release, @Nullable @QueryValue String tenant) {
    if (tenant != null && release == null) {
      throw ProblemException.badRequest("tenant-without-release",
          "a tenant's windows are asked for with its release: ?release=…&tenant=…");
    }
    Flux<Event<?>> deltas = hub.watch(release, tenant).filter(b -> b.resync() || !b.deltas().isEmpty())
        .map(b -> b.resync() ? Event.of("reload").name("resync") : Event.of(b.deltas()).name("deltas"));
    Flux<Event<?>> heartbeat = Flux.interval(HEARTBEAT).map(i -> Event.of("").name("ping"));
    return Flux.merge(deltas, heartbeat).takeUntil(e -> "resync".equals(e.getName()));
  }

  private static Placement placement(TenantCatalogEntry e) {
    return new Placement(e.getRegion(), e.getJurisdiction(), e.getCell(), e.getCluster(), e.getDatabase(),
        e.getSchema$(), e.getTenancy().name(), e.getTier().name(), e.getTrack().name(), e.getStatus().name());
  }

  private static ProblemException unknownRelease(String id) {
    return ProblemException.notFound("no release '" + id + "'");
  }
}
