package dev.tenantwave.catalog.residency;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** What residency needs to know of the topology (the topology's in-memory copy answers). */
public interface Jurisdictions {

  Optional<String> jurisdictionOfRegion(String region);

  Optional<String> jurisdictionOfCell(String cell);

  Optional<String> jurisdictionOfCluster(String cluster);

  Collection<String> regionIds();

  boolean hasCell(String cell);

  /** The tenancy models a cluster serves; empty when there is no such cluster. */
  Optional<List<String>> tenancyModelsOfCluster(String cluster);
}
