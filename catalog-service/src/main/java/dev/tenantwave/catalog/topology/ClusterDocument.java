package dev.tenantwave.catalog.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A database cluster as the API shows it. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterDocument(String id, String region, List<String> tenancyModels, @Nullable String host,
                              @Nullable Integer port, @Nullable Long version) {

  static ClusterDocument of(DatabaseCluster c) {
    return new ClusterDocument(c.id(), c.region(), c.tenancyModelList(), c.host(), c.port(), c.version());
  }
}
