package dev.tenantwave.migration.catalog;

import dev.tenantwave.catalogview.CatalogView;
import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.migration.tenancy.TenancyModel;
import dev.tenantwave.migration.tenancy.TenantDirectory;
import dev.tenantwave.migration.tenancy.TenantPlacement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The worker's directory read from the catalog topic through the shared in-process {@link CatalogView}. */
public class CatalogTenantDirectory implements TenantDirectory {

  private final CatalogView view;

  public CatalogTenantDirectory(CatalogView view) {
    this.view = view;
  }

  @Override
  public Optional<TenantPlacement> find(String tenantId) {
    return view.find(tenantId).map(CatalogTenantDirectory::placementOrThrow);
  }

  @Override
  public List<TenantPlacement> inDatabase(String cluster, String database) {
    return view.all().values().stream()
        .filter(e -> e.getCluster().equals(cluster) && e.getDatabase().equals(database))
        .map(CatalogTenantDirectory::placement).filter(Objects::nonNull)
        .sorted(Comparator.comparing(TenantPlacement::tenantId)).toList();
  }

  @Override
  public List<TenantPlacement> all() {
    return view.all().values().stream().map(CatalogTenantDirectory::placement).filter(Objects::nonNull)
        .sorted(Comparator.comparing(TenantPlacement::tenantId)).toList();
  }

  @Override
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return view.awaitReady(timeout);
  }

  @Override
  public boolean awaitCurrent(Duration timeout) throws InterruptedException {
    try {
      view.caughtUp().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  @Override
  public long generation() {
    return view.appliedCount();
  }

  /** A catalog entry whose placement cannot be migrated (unknown model, invalid names) maps to none. */
  static TenantPlacement placement(TenantCatalogEntry entry) {
    try {
      return placementOrThrow(entry);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static TenantPlacement placementOrThrow(TenantCatalogEntry entry) {
    return new TenantPlacement(entry.getTenantId(), entry.getRegion(),
        TenancyModel.valueOf(entry.getTenancy().name()), entry.getCluster(), entry.getDatabase(), entry.getSchema$());
  }
}
