package dev.tenantwave.service.placement;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;

/** {@code tenantwave.placement.*}: the databases no tenant may be placed in, besides PostgreSQL's own. */
@ConfigurationProperties("tenantwave.placement")
public class PlacementSettings {

  /** The services' own databases (catalog, orchestrator, worker): tenant DDL must never run there. */
  private List<String> reservedDatabases = PlacementRule.DEFAULT_RESERVED_DATABASES;

  public List<String> getReservedDatabases() {
    return reservedDatabases;
  }

  public void setReservedDatabases(List<String> reservedDatabases) {
    this.reservedDatabases = List.copyOf(reservedDatabases);
  }

  public PlacementRule rule() {
    return new PlacementRule(reservedDatabases);
  }
}
