package dev.tenantwave.catalog.topology;

import dev.tenantwave.catalog.residency.Jurisdictions;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An in-memory copy of regions, cells and clusters, read once per request: residency checks need all three. */
public record Topology(Map<String, Region> regions, Map<String, Cell> cells, Map<String, DatabaseCluster> clusters)
    implements Jurisdictions {

  public static Topology of(Iterable<Region> regions, Iterable<Cell> cells, Iterable<DatabaseCluster> clusters) {
    return new Topology(index(regions, Region::id), index(cells, Cell::id), index(clusters, DatabaseCluster::id));
  }

  private static <T> Map<String, T> index(Iterable<T> items, Function<T, String> id) {
    return java.util.stream.StreamSupport.stream(items.spliterator(), false)
        .collect(Collectors.toMap(id, Function.identity()));
  }

  @Override
  public Collection<String> regionIds() {
    return regions.keySet();
  }

  @Override
  public boolean hasCell(String cell) {
    return cell != null && cells.containsKey(cell);
  }

  @Override
  public Optional<List<String>> tenancyModelsOfCluster(String cluster) {
    return Optional.ofNullable(cluster == null ? null : clusters.get(cluster)).map(DatabaseCluster::tenancyModelList);
  }

  @Override
  public Optional<String> jurisdictionOfRegion(String region) {
    return Optional.ofNullable(region == null ? null : regions.get(region)).map(Region::jurisdiction);
  }

  @Override
  public Optional<String> jurisdictionOfCell(String cell) {
    return Optional.ofNullable(cell == null ? null : cells.get(cell)).flatMap(c -> jurisdictionOfRegion(c.region()));
  }

  @Override
  public Optional<String> jurisdictionOfCluster(String cluster) {
    return Optional.ofNullable(cluster == null ? null : clusters.get(cluster))
        .flatMap(c -> jurisdictionOfRegion(c.region()));
  }
}
