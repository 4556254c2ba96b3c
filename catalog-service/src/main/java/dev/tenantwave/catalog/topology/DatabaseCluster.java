package dev.tenantwave.catalog.topology;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.util.Arrays;
import java.util.List;

/**
 * A PostgreSQL cluster in one region that serves some tenancy models. Holds connection coordinates only: workers
 * take credentials from their own configuration.
 */
@MappedEntity("database_clusters")
public record DatabaseCluster(@Id String id, String region,
                              @MappedProperty("tenancy_models") String tenancyModels,
                              @Nullable String host, @Nullable Integer port, Long version) {

  public List<String> tenancyModelList() {
    return tenancyModels == null || tenancyModels.isBlank() ? List.of()
        : Arrays.stream(tenancyModels.split(",")).map(String::trim).toList();
  }
}
