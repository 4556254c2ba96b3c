package dev.tenantwave.catalog.topology;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An in-memory copy of regions, cells and clusters, read once per request: residency checks need all three. */
public record Topology(Map<String, Region> regions, Map<String, Cell> cells, Map<String, DatabaseCluster> clusters) {

  public static Topology of(Iterable<Region> regions, Iterable<Cell> cells, Iterable<DatabaseCluster> clusters) {
    return new Topology(index(regions, Region::id), index(cells, Cell::id), index(clusters, DatabaseCluster::id));
  }

  private static <T> Map<String, T> index(Iterable<T> items, Function<T, String> id) {
    return java.util.stream.StreamSupport.stream(items.spliterator(), false)
        .collect(Collectors.toMap(id, Function.identity()));
  }

  public Optional<String> jurisdictionOfRegion(String region) {
    return Optional.ofNullable(region == null ? null : regions.get(region)).map(Region::jurisdiction);
  }

  public Optional<String> jurisdictionOfCell(String cell) {
    return Optional.ofNullable(cell == null ? null : cells.get(cell)).flatMap(c -> jurisdictionOfRegion(c.region()));
  }

  public Optional<String> jurisdictionOfCluster(String cluster) {
    return Optional.ofNullable(cluster == null ? null : clusters.get(cluster))
        .flatMap(c -> jurisdictionOfRegion(c.region()));
  }
}
