package dev.tenantwave.rollout.console;

import dev.tenantwave.rollout.console.ConsoleDelta.ProgressPoint;
import dev.tenantwave.rollout.console.ConsoleDelta.VerdictPoint;
import dev.tenantwave.rollout.console.ConsoleDelta.WindowPoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the console shows of one tenant beyond its state, kept in memory and bounded: its last verdicts (the gate's
 * observed values against threshold and baseline, one point per verdict), its last closed gate windows (one point
 * per window) and the latest progress of each migration phase. At most {@code maxTenants} (release, tenant) pairs,
 * the least recently touched forgotten first.
 */
public final class TenantSignals {

  public static final int DEFAULT_MAX_TENANTS = 50_000;
  public static final int DEFAULT_VERDICTS_PER_TENANT = 100;
  /** An hour of the gate's default 10 s windows. */
  public static final int DEFAULT_WINDOWS_PER_TENANT = 360;

  /** The signals of one tenant in one release, copied out. */
  public record Snapshot(List<VerdictPoint> verdicts, List<WindowPoint> windows, List<ProgressPoint> progress) {}

  private static final class Signals {
    final ArrayDeque<VerdictPoint> verdicts = new ArrayDeque<>();
    final ArrayDeque<WindowPoint> windows = new ArrayDeque<>();
    final Map<String, ProgressPoint> progress = new TreeMap<>();
  }

  private final int maxTenants;
  private final int verdictsPerTenant;
  private final int windowsPerTenant;
  private final LinkedHashMap<String, Signals> byTenant;

  public TenantSignals(int maxTenants, int verdictsPerTenant, int windowsPerTenant) {
    this.maxTenants = maxTenants;
    this.verdictsPerTenant = verdictsPerTenant;
    this.windowsPerTenant = windowsPerTenant;
    this.byTenant = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Signals> eldest) {
        return size() > TenantSignals.this.maxTenants;
      }
    };
  }

  public synchronized void noteVerdict(String releaseId, String tenantId, VerdictPoint verdict) {
    ArrayDeque<VerdictPoint> verdicts = signals(releaseId, tenantId).verdicts;
    if (verdicts.size() == verdictsPerTenant) {
      verdicts.removeFirst();
    }
    verdicts.addLast(verdict);
  }

  /**
   * Keeps a closed window; whether it was new. The gate closes a tenant's windows in order, so one that ends no later
   * than the last one kept was seen already (the feed reads its history again after reconnecting).
   */
  public synchronized boolean noteWindow(String releaseId, String tenantId, WindowPoint window) {
    ArrayDeque<WindowPoint> windows = signals(releaseId, tenantId).windows;
    if (!windows.isEmpty() && window.windowEnd() <= windows.peekLast().windowEnd()) {
      return false;
    }
    if (windows.size() == windowsPerTenant) {
      windows.removeFirst();
    }
    windows.addLast(window);
    return true;
  }

  public synchronized void noteProgress(String releaseId, String tenantId, ProgressPoint progress) {
    signals(releaseId, tenantId).progress.merge(progress.phase(), progress,
        (old, now) -> now.at() >= old.at() ? now : old);
  }

  public synchronized Snapshot of(String releaseId, String tenantId) {
    Signals signals = byTenant.get(key(releaseId, tenantId));
    if (signals == null) {
      return new Snapshot(List.of(), List.of(), List.of());
    }
    return new Snapshot(List.copyOf(signals.verdicts), List.copyOf(signals.windows),
        new ArrayList<>(signals.progress.values()));
  }

  public synchronized int size() {
    return byTenant.size();
  }

  private Signals signals(String releaseId, String tenantId) {
    return byTenant.computeIfAbsent(key(releaseId, tenantId), k -> new Signals());
  }

  private static String key(String releaseId, String tenantId) {
    return releaseId + '\u0000' + tenantId;
  }
}
