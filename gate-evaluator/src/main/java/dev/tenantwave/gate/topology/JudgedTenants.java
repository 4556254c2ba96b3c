package dev.tenantwave.gate.topology;

import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.gate.judging.WindowTotals;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One task's tenants as objects, mirroring its stores: per tenant its judged release state, open windows and
 * per-version totals (one lookup per metric record); the open windows by end; the judged states; the last verdicts.
 * A tenant with nothing of these is forgotten.
 */
final class JudgedTenants {

  private final Map<String, Tenant> tenants = new HashMap<>();
  private final NavigableMap<Long, List<OpenWindow>> openWindowsByEnd = new TreeMap<>();
  private final Map<String, TenantReleaseState> judgedStates = new HashMap<>();
  private final Map<String, GateVerdict> lastVerdicts = new HashMap<>();

  void clear() {
    tenants.clear();
    openWindowsByEnd.clear();
    judgedStates.clear();
    lastVerdicts.clear();
  }

  /** The tenant, or null when this task keeps nothing of it. */
  Tenant find(String tenantId) {
    return tenants.get(tenantId);
  }

  Tenant tenant(String tenantId) {
    return tenants.computeIfAbsent(tenantId, id -> new Tenant());
  }

  /** The tenant's release state when the gate judges it (switched, migrating or baking), else null. */
  TenantReleaseState judged(String tenantId) {
    return judgedStates.get(tenantId);
  }

  Collection<TenantReleaseState> judgedStates() {
    return judgedStates.values();
  }

  void setJudged(String tenantId, TenantReleaseState state) {
    if (state != null) {
      judgedStates.put(tenantId, state);
      tenant(tenantId).judged = state;
    } else {
      judgedStates.remove(tenantId);
      Tenant tenant = tenants.get(tenantId);
      if (tenant != null) {
        tenant.judged = null;
        forgetIfIdle(tenantId, tenant);
      }
    }
  }

  GateVerdict lastVerdict(String tenantId) {
    return lastVerdicts.get(tenantId);
  }

  void rememberVerdict(String tenantId, GateVerdict verdict) {
    lastVerdicts.put(tenantId, verdict);
  }

  void addOpenWindow(OpenWindow open) {
    tenant(open.totals().tenantId()).open.add(open);
    openWindowsByEnd.computeIfAbsent(open.totals().windowEnd(), end -> new ArrayList<>()).add(open);
  }

  /** Removes and returns the open windows that ended by {@code closedUpTo}, earliest first. */
  List<OpenWindow> pollClosed(long closedUpTo) {
    List<OpenWindow> closed = new ArrayList<>();
    while (!openWindowsByEnd.isEmpty() && openWindowsByEnd.firstKey() <= closedUpTo) {
      for (OpenWindow open : openWindowsByEnd.pollFirstEntry().getValue()) {
        String tenantId = open.totals().tenantId();
        Tenant tenant = tenants.get(tenantId);
        tenant.open.remove(open);
        forgetIfIdle(tenantId, tenant);
        closed.add(open);
      }
    }
    return closed;
  }

  /** Adds totals loaded from the store. */
  void addTotals(OpenWindow totals) {
    tenant(totals.totals().tenantId()).totals.add(totals);
  }

  /** A tenant's totals on a version, created (spanning the given window) when it has none yet. */
  OpenWindow versionTotals(Tenant tenant, String tenantId, String appVersion, long start, long end,
      double relativeAccuracy) {
    OpenWindow totals = tenant.totalsOf(appVersion);
    if (totals == null) {
      totals = new OpenWindow(totalsKey(tenantId, appVersion),
          new WindowTotals(tenantId, appVersion, start, end, relativeAccuracy));
      tenant.totals.add(totals);
    }
    return totals;
  }

  WindowTotals totalsOf(String tenantId, String appVersion) {
    Tenant tenant = tenants.get(tenantId);
    OpenWindow totals = tenant == null ? null : tenant.totalsOf(appVersion);
    return totals == null ? null : totals.totals();
  }

  void dropTotals(String tenantId, String appVersion) {
    Tenant tenant = tenants.get(tenantId);
    if (tenant != null) {
      tenant.totals.removeIf(totals -> totals.totals().appVersion().equals(appVersion));
    }
  }

  private void forgetIfIdle(String tenantId, Tenant tenant) {
    if (tenant.judged == null && tenant.open.isEmpty() && tenant.totals.isEmpty()) {
      tenants.remove(tenantId);
    }
  }

  /** Keys start with the tenant, so that the store cache's sorted lookups tell keys apart early. */
  static String windowKey(long windowEnd, String tenantId, String appVersion) {
    return tenantId + "|" + appVersion + "|" + windowEnd;
  }

  static String totalsKey(String tenantId, String appVersion) {
    return tenantId + "|" + appVersion;
  }

  /**
   * A tenant's judged release state (null when not judged), open windows (one or two, mostly) and totals per
   * version (with their store keys).
   */
  static final class Tenant {

    TenantReleaseState judged;
    final List<OpenWindow> open = new ArrayList<>(2);
    final List<OpenWindow> totals = new ArrayList<>(2);

    OpenWindow totalsOf(String appVersion) {
      for (OpenWindow version : totals) {
        if (version.totals().appVersion().equals(appVersion)) {
          return version;
        }
      }
      return null;
    }

    OpenWindow openWindow(long end, String appVersion) {
      for (OpenWindow window : open) {
        if (window.totals().windowEnd() == end && window.totals().appVersion().equals(appVersion)) {
          return window;
        }
      }
      return null;
    }
  }

  /**
   * An open window, or a version's totals, its store key, and the generation of its write-behind store it was last
   * put in (Long.MIN_VALUE: not yet).
   */
  static final class OpenWindow {

    private final String key;
    private final WindowTotals totals;
    long putIn = Long.MIN_VALUE;

    OpenWindow(String key, WindowTotals totals) {
      this.key = key;
      this.totals = totals;
    }

    String key() {
      return key;
    }

    WindowTotals totals() {
      return totals;
    }
  }
}
