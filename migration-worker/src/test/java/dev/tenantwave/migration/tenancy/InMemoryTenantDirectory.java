package dev.tenantwave.migration.tenancy;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A directory filled by whoever reads the catalog (the Kafka listener, or a test). */
public class InMemoryTenantDirectory implements TenantDirectory {

  private final Map<String, TenantPlacement> tenants = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  public void put(TenantPlacement placement) {
    tenants.put(placement.tenantId(), placement);
    generation.incrementAndGet();
  }

  public void remove(String tenantId) {
    tenants.remove(tenantId);
    generation.incrementAndGet();
  }

  @Override
  public long generation() {
    return generation.get();
  }

  @Override
  public Optional<TenantPlacement> find(String tenantId) {
    return Optional.ofNullable(tenants.get(tenantId));
  }

  @Override
  public List<TenantPlacement> inDatabase(String cluster, String database) {
    return tenants.values().stream()
        .filter(t -> t.cluster().equals(cluster) && t.database().equals(database))
        .sorted(Comparator.comparing(TenantPlacement::tenantId))
        .toList();
  }

  @Override
  public List<TenantPlacement> all() {
    return tenants.values().stream().sorted(Comparator.comparing(TenantPlacement::tenantId)).toList();
  }
}
