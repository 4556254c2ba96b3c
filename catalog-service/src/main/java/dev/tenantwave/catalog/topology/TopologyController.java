package dev.tenantwave.catalog.topology;

import static dev.tenantwave.catalog.web.Rejections.valueOrProblem;

import dev.tenantwave.catalog.topology.TopologyRepositories.CellRepository;
import dev.tenantwave.catalog.topology.TopologyRepositories.ClusterRepository;
import dev.tenantwave.catalog.topology.TopologyRepositories.RegionRepository;
import dev.tenantwave.catalog.vocabulary.Vocabulary;
import dev.tenantwave.service.problem.ProblemException;
import dev.tenantwave.service.security.CallerIdentity;
import dev.tenantwave.service.security.Role;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import java.security.Principal;
import java.util.List;
import java.util.stream.StreamSupport;

/** Regions, cells and database clusters: viewers read, admins write (PUT creates or replaces). */
@Controller("/api/v1")
@Secured(Role.VIEWER_NAME)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TopologyController {

  private final TopologyService service;
  private final RegionRepository regions;
  private final CellRepository cells;
  private final ClusterRepository clusters;

  public TopologyController(TopologyService service, RegionRepository regions, CellRepository cells,
                            ClusterRepository clusters) {
    this.service = service;
    this.regions = regions;
    this.cells = cells;
    this.clusters = clusters;
  }

  @Get("/regions")
  public List<Region> regions() {
    return StreamSupport.stream(regions.findAll().spliterator(), false).toList();
  }

  @Get("/regions/{id}")
  public Region region(@PathVariable String id) {
    return regions.findById(known("region", id)).orElseThrow(() -> ProblemException.notFound("no region '" + id + "'"));
  }

  @Operation(summary = "Create or replace a region (admin)")
  @Put("/regions/{id}")
  @Secured(Role.ADMIN_NAME)
  public Region putRegion(@PathVariable String id, @Body Region region, Principal caller) {
    return valueOrProblem(service.putRegion(id, region, CallerIdentity.of(caller)));
  }

  @Delete("/regions/{id}")
  @Secured(Role.ADMIN_NAME)
  @Status(HttpStatus.NO_CONTENT)
  public void deleteRegion(@PathVariable String id, Principal caller) {
    valueOrProblem(service.deleteRegion(known("region", id), CallerIdentity.of(caller)));
  }

  @Get("/cells")
  public List<Cell> cells() {
    return StreamSupport.stream(cells.findAll().spliterator(), false).toList();
  }

  @Get("/cells/{id}")
  public Cell cell(@PathVariable String id) {
    return cells.findById(known("cell", id)).orElseThrow(() -> ProblemException.notFound("no cell '" + id + "'"));
  }

  @Operation(summary = "Create or replace a cell (admin)")
  @Put("/cells/{id}")
  @Secured(Role.ADMIN_NAME)
  public Cell putCell(@PathVariable String id, @Body Cell cell, Principal caller) {
    return valueOrProblem(service.putCell(id, cell, CallerIdentity.of(caller)));
  }

  @Delete("/cells/{id}")
  @Secured(Role.ADMIN_NAME)
  @Status(HttpStatus.NO_CONTENT)
  public void deleteCell(@PathVariable String id, Principal caller) {
    valueOrProblem(service.deleteCell(known("cell", id), CallerIdentity.of(caller)));
  }

  @Get("/clusters")
  public List<ClusterDocument> clusters() {
    return StreamSupport.stream(clusters.findAll().spliterator(), false).map(ClusterDocument::of).toList();
  }

  @Get("/clusters/{id}")
  public ClusterDocument cluster(@PathVariable String id) {
    return clusters.findById(known("database cluster", id)).map(ClusterDocument::of)
        .orElseThrow(() -> ProblemException.notFound("no database cluster '" + id + "'"));
  }

  @Operation(summary = "Create or replace a database cluster (admin)")
  @Put("/clusters/{id}")
  @Secured(Role.ADMIN_NAME)
  public ClusterDocument putCluster(@PathVariable String id, @Body ClusterDocument cluster, Principal caller) {
    return valueOrProblem(service.putCluster(id, cluster, CallerIdentity.of(caller)));
  }

  @Delete("/clusters/{id}")
  @Secured(Role.ADMIN_NAME)
  @Status(HttpStatus.NO_CONTENT)
  public void deleteCluster(@PathVariable String id, Principal caller) {
    valueOrProblem(service.deleteCluster(known("database cluster", id), CallerIdentity.of(caller)));
  }

  /** An id that cannot exist is simply not found (and never reaches the database). */
  private static String known(String kind, String id) {
    if (!Vocabulary.isValidId(id)) {
      throw ProblemException.notFound("no " + kind + " '" + Vocabulary.abbreviate(id) + "': ids match "
          + Vocabulary.ID_PATTERN);
    }
    return id;
  }
}
