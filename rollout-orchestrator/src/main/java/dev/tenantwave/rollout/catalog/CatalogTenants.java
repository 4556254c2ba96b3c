package dev.tenantwave.rollout.catalog;

import dev.tenantwave.catalogview.CatalogView;
import dev.tenantwave.events.TenantCatalogEntry;
import dev.tenantwave.rollout.plan.CatalogTenant;
import dev.tenantwave.rollout.plan.MaintenanceWindow;
import dev.tenantwave.rollout.plan.Tenancy;
import dev.tenantwave.rollout.plan.TenantStatus;
import dev.tenantwave.rollout.plan.Tier;
import dev.tenantwave.rollout.plan.Track;
import dev.tenantwave.rollout.release.WindowCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The catalog as the planner sees it, read from the in-process {@link CatalogView}. */
public final class CatalogTenants implements WindowCalendar {

  private final CatalogView view;

  public CatalogTenants(CatalogView view) {
    this.view = view;
  }

  public boolean isReady() {
    return view.isReady();
  }

  /** Every tenant the catalog holds; one with an enum value this build does not know is left out. */
  public Collection<CatalogTenant> all() {
    return view.all().values().stream().map(CatalogTenants::toTenant).filter(Objects::nonNull).toList();
  }

  @Override
  public Optional<Instant> nextOpening(String tenantId, Instant now) {
    TenantCatalogEntry entry = view.get(tenantId);
    List<MaintenanceWindow> windows = entry == null ? List.of() : windows(entry);
    if (windows.isEmpty()) {
      return Optional.of(Instant.MAX);
    }
    Instant next = MaintenanceWindow.nextOpening(windows, now).orElse(Instant.MAX);
    return next.isAfter(now) ? Optional.of(next) : Optional.empty();
  }

  static CatalogTenant toTenant(TenantCatalogEntry e) {
    try {
      return new CatalogTenant(e.getTenantId(), e.getRegion(), Tier.valueOf(e.getTier().name()),
          Track.valueOf(e.getTrack().name()), TenantStatus.valueOf(e.getStatus().name()),
          Tenancy.valueOf(e.getTenancy().name()), Map.copyOf(e.getFlags()), windows(e));
    } catch (IllegalArgumentException unknownSymbol) {
      return null;
    }
  }

  private static List<MaintenanceWindow> windows(TenantCatalogEntry e) {
    return e.getMaintenanceWindows().stream().map(w -> new MaintenanceWindow(days(w.getDays()),
        LocalTime.parse(w.getStart()), LocalTime.parse(w.getEnd()), ZoneId.of(w.getZone()))).toList();
  }

  private static Set<DayOfWeek> days(List<String> days) {
    return days.stream().map(day -> Arrays.stream(DayOfWeek.values())
        .filter(d -> d.name().startsWith(day.toUpperCase())).findFirst().orElseThrow())
        .collect(Collectors.toSet());
  }
}
