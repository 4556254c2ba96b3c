package dev.tenantwave.catalog.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tenantwave.service.problem.ProblemException;
import dev.tenantwave.service.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;

@Controller("/api/v1/audit")
@Secured(Role.VIEWER_NAME)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {

  /** A page of the audit log, oldest first; pass {@code nextCursor} as {@code cursor} for the next page. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AuditPage(List<AuditLine> items, @Nullable String nextCursor) {}

  private final AuditRepository repository;

  public AuditController(AuditRepository repository) {
    this.repository = repository;
  }

  @Operation(summary = "The audit log: who changed what, when, before and after, and why")
  @Get
  public AuditPage list(@QueryValue @Nullable String entityType, @QueryValue @Nullable String entityId,
                        @QueryValue @Nullable String actor, @QueryValue @Nullable String action,
                        @QueryValue @Nullable String cursor, @QueryValue @Nullable Integer limit) {
    int size = limit == null ? 100 : limit;
    if (size < 1 || size > 1000) {
      throw ProblemException.badRequest("invalid-limit", "limit must be between 1 and 1000, was " + size);
    }
    long after;
    try {
      after = cursor == null || cursor.isEmpty() ? 0 : Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest("invalid-cursor", "cursor must be the nextCursor of a previous page");
    }
    List<AuditLine> items = repository.search(entityType, entityId, actor, action, after, size + 1);
    if (items.size() > size) {
      items = items.subList(0, size);
      return new AuditPage(items, String.valueOf(items.get(size - 1).id()));
    }
    return new AuditPage(items, null);
  }
}
