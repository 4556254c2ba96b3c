package dev.tenantwave.migration.tenancy;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A directory filled by a test: ready at once, or, made {@link #loading()}, once the test calls {@link #loaded()}. */
public class InMemoryTenantDirectory implements TenantDirectory {

  private final Map<String, TenantPlacement> tenants = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final CountDownLatch loading;

  public InMemoryTenantDirectory() {
    this(0);
  }

  private InMemoryTenantDirectory(int loading) {
    this.loading = new CountDownLatch(loading);
  }

  /** A directory that is not ready until {@link #loaded()}, as a catalog view still reading the topic. */
  public static InMemoryTenantDirectory loading() {
    return new InMemoryTenantDirectory(1);
  }

  public void loaded() {
    loading.countDown();
  }

  @Override
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return loading.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

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
