package dev.tenantwave.demo.release;

import dev.tenantwave.demo.fleet.Fleet;
import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.RegionProgress;
import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.ReleaseStatus;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRolloutState;
import dev.tenantwave.events.VerdictOutcome;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tells on the terminal what the topics say about the release: each region's waves as they start, the release's state,
 * and everything about the tenants that go wrong (the gate's FAIL with its numbers, the switch back, the rollback);
 * the hundreds of tenants that pass are counted, not listed.
 */
public final class Narrator implements ReleaseTopics.Listener {

  private final Fleet fleet;
  private final PrintStream out;
  private final long startedNanos = System.nanoTime();
  private final Map<String, Integer> waveOfRegion = new HashMap<>();
  private final Map<String, Instant> switchedAt = new HashMap<>();
  private final Map<String, Instant> failedAt = new HashMap<>();
  private final Map<String, Instant> switchedBackAt = new HashMap<>();
  private String releaseState = "";
  private long lastProgressNanos;
  private String lastCounts = "";

  public Narrator(Fleet fleet, PrintStream out) {
    this.fleet = fleet;
    this.out = out;
  }

  /** A line with the time since the demo started. */
  public synchronized void say(String format, Object... arguments) {
    out.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - startedNanos) / 1e9,
        String.format(Locale.ROOT, format, arguments));
    out.flush();
  }

  public double elapsedSeconds() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  @Override
  public synchronized void onStatus(ReleaseStatus status) {
    String state = status.getState().name();
    if (!state.equals(releaseState)) {
      releaseState = state;
      say("release %s is %s", status.getReleaseId(), state);
    }
    for (RegionProgress region : status.getRegions()) {
      Integer before = waveOfRegion.put(region.getRegion(), region.getCurrentWave());
      int wave = region.getCurrentWave();
      if ((before == null || before != wave) && wave < region.getTotalWaves() && state.equals("RUNNING")) {
        say("%s: wave %d/%d, %s", region.getRegion(), wave + 1, region.getTotalWaves(),
            wave < DemoPlan.WAVES.size() ? DemoPlan.WAVES.get(wave) : "?");
      }
    }
  }

  @Override
  public synchronized void onVerdict(GateVerdict verdict) {
    if (verdict.getOutcome() == VerdictOutcome.PASS) {
      return;
    }
    String tenant = verdict.getTenantId();
    if (verdict.getOutcome() == VerdictOutcome.FAIL) {
      failedAt.putIfAbsent(tenant, verdict.getDecidedAt());
    }
    say("gate: %s %s%s on %s: %s, observed %s against %s%s%s over %d requests", verdict.getOutcome(), tenant,
        label(tenant), verdict.getAppVersion(), verdict.getGate(), number(verdict.getObserved()),
        verdict.getBaseline() == null ? "the absolute limit " : "the limit ", number(verdict.getThreshold()),
        verdict.getBaseline() == null ? "," : " (its own baseline before the switch: " + number(verdict.getBaseline())
            + "),",
        verdict.getSamples());
  }

  @Override
  public synchronized void onState(TenantReleaseState state) {
    String tenant = state.getTenantId();
    boolean watched = !label(tenant).isEmpty();
    if (state.getPhase() == ReleasePhase.SWITCH && watched) {
      switchedAt.putIfAbsent(tenant, state.getSince());
      say("%s%s switched to %s (%s, wave %s)", tenant, label(tenant), state.getAppVersion(), state.getRegion(),
          DemoPlan.WAVES.get(state.getWave()));
    } else if (state.getPhase() == ReleasePhase.ROLLBACK && !switchedBackAt.containsKey(tenant)) {
      Instant back = state.getSince();
      switchedBackAt.put(tenant, back);
      Instant failed = failedAt.get(tenant);
      Instant switched = switchedAt.get(tenant);
      say("%s%s switched back to %s%s%s; the rest of %s goes on", tenant, label(tenant), state.getAppVersion(),
          failed == null ? "" : String.format(Locale.ROOT, " %.2f s after the gate's FAIL",
              (back.toEpochMilli() - failed.toEpochMilli()) / 1e3),
          switched == null ? "" : String.format(Locale.ROOT, ", %.1f s after its switch to the new version",
              (back.toEpochMilli() - switched.toEpochMilli()) / 1e3),
          state.getRegion());
    } else if (state.getState() == TenantRolloutState.ROLLED_BACK) {
      say("%s%s rolled back: its migration is undone, it stays on %s", tenant, label(tenant),
          state.getAppVersion());
    } else if (state.getState() == TenantRolloutState.FAILED || state.getState() == TenantRolloutState.ISOLATED) {
      say("%s%s is %s in %s", tenant, label(tenant), state.getState(), state.getPhase());
    }
  }

  /** A progress line from the release's last status when it changed, at most every {@code everySeconds}. */
  public synchronized void progress(ReleaseStatus status, int everySeconds) {
    long now = System.nanoTime();
    String counts = counts(status);
    if (now - lastProgressNanos < everySeconds * 1_000_000_000L || counts.equals(lastCounts)) {
      return;
    }
    lastProgressNanos = now;
    lastCounts = counts;
    say("tenants: %s", counts);
  }

  public static String counts(ReleaseStatus status) {
    Map<String, Long> counts = new TreeMap<>();
    status.getTenantCounts().forEach((state, count) -> {
      if (count > 0) {
        counts.put(state, count);
      }
    });
    StringBuilder text = new StringBuilder();
    counts.forEach((state, count) -> text.append(text.length() == 0 ? "" : ", ").append(count).append(' ')
        .append(state.toLowerCase(Locale.ROOT).replace('_', ' ')));
    return text.toString();
  }

  private String label(String tenant) {
    if (fleet.bad() != null && fleet.bad().id().equals(tenant)) {
      return " (the bad tenant)";
    }
    if (fleet.slow() != null && fleet.slow().id().equals(tenant)) {
      return " (the slow tenant)";
    }
    return "";
  }

  private static String number(Double value) {
    if (value == null) {
      return "-";
    }
    return value >= 10 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3f", value);
  }
}
