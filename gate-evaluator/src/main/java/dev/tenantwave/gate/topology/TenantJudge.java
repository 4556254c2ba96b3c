package dev.tenantwave.gate.topology;

import dev.tenantwave.events.GateSpec;
import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.TenantRolloutState;
import dev.tenantwave.gate.judging.Finding;
import dev.tenantwave.gate.judging.GateRules;
import dev.tenantwave.gate.judging.RequestTotals;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each tenant's windows, per-version totals, release state and last verdict, and asks {@link GateRules}
 * whether anything changed. Event time is the record timestamp (publishers set it to the start of their interval).
 */
final class TenantJudge implements Processor<String, Object, String, GateVerdict> {

  private static final TenantReleaseState NOT_IN_RELEASE = new TenantReleaseState();
  private static final Set<ReleasePhase> JUDGED_PHASES = Set.of(ReleasePhase.SWITCH, ReleasePhase.MIGRATE,
      ReleasePhase.BAKE);
  private static final Set<TenantRolloutState> UNJUDGED_STATES = Set.of(TenantRolloutState.FAILED,
      TenantRolloutState.ROLLED_BACK, TenantRolloutState.ISOLATED);

  private final GateConfig config;
  private ProcessorContext<String, GateVerdict> context;
  private KeyValueStore<String, TenantRequestMetrics> openWindows;
  private KeyValueStore<String, TenantRequestMetrics> versionTotals;
  private KeyValueStore<String, TenantReleaseState> releaseStates;
  private KeyValueStore<String, GateVerdict> lastVerdicts;
  private final Map<String, TenantReleaseState> judgedStates = new HashMap<>();
  private Sensor lateRecords;
  private Sensor verdicts;

  TenantJudge(GateConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, GateVerdict> context) {
    this.context = context;
    openWindows = context.getStateStore(GateTopology.OPEN_WINDOWS_STORE);
    versionTotals = context.getStateStore(GateTopology.VERSION_TOTALS_STORE);
    releaseStates = context.getStateStore(GateTopology.RELEASE_STATES_STORE);
    lastVerdicts = context.getStateStore(GateTopology.LAST_VERDICTS_STORE);
    judgedStates.clear();
    lateRecords = GateSensors.sensor(context, GateSensors.LATE_RECORDS);
    verdicts = GateSensors.sensor(context, GateSensors.VERDICTS);
    context.schedule(config.closeCheckInterval(), PunctuationType.STREAM_TIME, this::closeWindows);
  }

  @Override
  public void process(Record<String, Object> record) {
    if (record.value() instanceof TenantRequestMetrics metrics) {
      onMetrics(record.key(), metrics, record.timestamp());
    } else {
      onReleaseState(record.key(), (TenantReleaseState) record.value());
    }
  }

  private void onReleaseState(String tenantId, TenantReleaseState state) {
    judgedStates.remove(tenantId);
    TenantReleaseState previous = releaseStates.get(tenantId);
    if (state == null) {
      releaseStates.delete(tenantId);
      return;
    }
    if (previous != null && state.getVersion() < previous.getVersion()) {
      return;
    }
    if (isJudged(state)) {
      if (isJudged(previous) && sameRollout(previous, state)) {
        state.setSince(previous.getSince()); // the bake runs from the switch, whatever phase follows
      } else {
        versionTotals.delete(totalsKey(tenantId, state.getAppVersion()));
      }
    }
    releaseStates.put(tenantId, state);
  }

  private void onMetrics(String tenantId, TenantRequestMetrics metrics, long timestamp) {
    TenantReleaseState state = judgedState(tenantId);
    long size = state == null ? config.window().toMillis() : state.getGates().getWindowSeconds() * 1000L;
    long start = timestamp - Math.floorMod(timestamp, size);
    long end = start + size;
    if (end + config.grace().toMillis() <= context.currentStreamTimeMs()) {
      lateRecords.record();
      return;
    }
    String key = windowKey(end, tenantId, metrics.getAppVersion());
    TenantRequestMetrics window = openWindows.get(key);
    if (window == null) {
      window = RequestTotals.empty(tenantId, metrics.getAppVersion(), start, end, config.relativeAccuracy());
    }
    RequestTotals.addTo(window, metrics);
    openWindows.put(key, window);
    if (state != null && metrics.getAppVersion().equals(state.getAppVersion())) {
      GateVerdict last = lastVerdicts.get(tenantId);
      GateSpec spec = state.getGates();
      GateRules.absoluteBreach(spec, window)
          .filter(finding -> finding.changes(last, state.getReleaseId(), state.getAppVersion()))
          .ifPresent(finding -> emit(state, last, finding, timestamp));
    }
  }

  /** Folds the windows that closed into per-version totals, then judges what they touched and every due bake. */
  private void closeWindows(long streamTime) {
    long closedUpTo = streamTime - config.grace().toMillis();
    List<KeyValue<String, TenantRequestMetrics>> closed = new ArrayList<>();
    try (KeyValueIterator<String, TenantRequestMetrics> it =
             openWindows.range(pad(0), pad(Math.max(0, closedUpTo)) + "~")) {
      it.forEachRemaining(closed::add);
    }
    Set<String> touched = new LinkedHashSet<>();
    for (KeyValue<String, TenantRequestMetrics> entry : closed) {
      openWindows.delete(entry.key);
      TenantRequestMetrics window = entry.value;
      String tenantId = window.getTenantId();
      TenantReleaseState state = judgedState(tenantId);
      boolean onJudgedVersion = state != null && window.getAppVersion().equals(state.getAppVersion());
      if (state != null && !onJudgedVersion && window.getWindowEnd().isAfter(state.getSince())) {
        continue; // the baseline is the tenant's traffic before the switch only
      }
      String totalsKey = totalsKey(tenantId, window.getAppVersion());
      TenantRequestMetrics total = versionTotals.get(totalsKey);
      if (total == null) {
        total = RequestTotals.empty(tenantId, window.getAppVersion(), window.getWindowStart().toEpochMilli(),
            window.getWindowEnd().toEpochMilli(), config.relativeAccuracy());
      }
      versionTotals.put(totalsKey, RequestTotals.addWindow(total, window));
      if (onJudgedVersion) {
        touched.add(tenantId);
      }
    }
    for (String tenantId : touched) {
      judgeAgainstBaseline(tenantId, streamTime);
    }
    judgeDueBakes(streamTime);
  }

  private void judgeAgainstBaseline(String tenantId, long streamTime) {
    TenantReleaseState state = judgedState(tenantId);
    GateVerdict last = lastVerdicts.get(tenantId);
    TenantRequestMetrics onNew = versionTotals.get(totalsKey(tenantId, state.getAppVersion()));
    String previousVersion = state.getPreviousAppVersion();
    TenantRequestMetrics baseline = previousVersion == null ? null
        : versionTotals.get(totalsKey(tenantId, previousVersion));
    GateRules.relativeBreach(state.getGates(), onNew, baseline)
        .filter(finding -> finding.changes(last, state.getReleaseId(), state.getAppVersion()))
        .ifPresent(finding -> emit(state, last, finding, streamTime));
  }

  private void judgeDueBakes(long streamTime) {
    long closedUpTo = streamTime - config.grace().toMillis();
    List<TenantReleaseState> due = new ArrayList<>();
    try (KeyValueIterator<String, TenantReleaseState> it = releaseStates.all()) {
      it.forEachRemaining(entry -> {
        TenantReleaseState state = entry.value;
        if (isJudged(state)
            && closedUpTo >= state.getSince().toEpochMilli() + state.getGates().getBakeSeconds() * 1000L) {
          due.add(state);
        }
      });
    }
    for (TenantReleaseState state : due) {
      String tenantId = state.getTenantId();
      GateVerdict last = lastVerdicts.get(tenantId);
      long bakeStart = state.getSince().toEpochMilli();
      Finding finding = GateRules.bakeOutcome(state.getGates(),
          versionTotals.get(totalsKey(tenantId, state.getAppVersion())), state.getAppVersion(), bakeStart,
          bakeStart + state.getGates().getBakeSeconds() * 1000L);
      if (finding.changes(last, state.getReleaseId(), state.getAppVersion())) {
        emit(state, last, finding, streamTime);
      }
    }
  }

  private void emit(TenantReleaseState state, GateVerdict last, Finding finding, long timestamp) {
    String tenantId = state.getTenantId();
    long sequence = last != null && sameRelease(last, state) ? last.getSequence() + 1 : 1;
    GateVerdict verdict = GateVerdict.newBuilder()
        .setEventId(UUID.nameUUIDFromBytes((tenantId + "|" + state.getReleaseId() + "|" + sequence)
            .getBytes(StandardCharsets.UTF_8)))
        .setSequence(sequence)
        .setTenantId(tenantId)
        .setReleaseId(state.getReleaseId())
        .setAppVersion(state.getAppVersion())
        .setWave(state.getWave())
        .setGate(finding.gate())
        .setOutcome(finding.outcome())
        .setReason(finding.reason())
        .setObserved(finding.observed())
        .setThreshold(finding.threshold())
        .setBaseline(finding.baseline())
        .setSamples(finding.samples())
        .setWindowStart(Instant.ofEpochMilli(finding.windowStart()))
        .setWindowEnd(Instant.ofEpochMilli(finding.windowEnd()))
        .setDecidedAt(Instant.now())
        .build();
    lastVerdicts.put(tenantId, verdict);
    context.forward(new Record<>(tenantId, verdict, timestamp));
    verdicts.record();
  }

  /** The tenant's release state when the gate judges it (switched, migrating or baking), else null. */
  private TenantReleaseState judgedState(String tenantId) {
    TenantReleaseState state = judgedStates.computeIfAbsent(tenantId, id -> {
      TenantReleaseState stored = releaseStates.get(id);
      return isJudged(stored) ? stored : NOT_IN_RELEASE;
    });
    return state == NOT_IN_RELEASE ? null : state;
  }

  private static boolean isJudged(TenantReleaseState state) {
    return state != null && JUDGED_PHASES.contains(state.getPhase()) && !UNJUDGED_STATES.contains(state.getState());
  }

  private static boolean sameRollout(TenantReleaseState a, TenantReleaseState b) {
    return a.getReleaseId().equals(b.getReleaseId()) && a.getAppVersion().equals(b.getAppVersion());
  }

  private static boolean sameRelease(GateVerdict last, TenantReleaseState state) {
    return last.getReleaseId().equals(state.getReleaseId()) && last.getAppVersion().equals(state.getAppVersion());
  }

  /** Keys sort by window end, so the windows that have closed are one range scan. */
  static String windowKey(long windowEnd, String tenantId, String appVersion) {
    return pad(windowEnd) + "|" + tenantId + "|" + appVersion;
  }

  static String totalsKey(String tenantId, String appVersion) {
    return tenantId + "|" + appVersion;
  }

  private static String pad(long millis) {
    String digits = Long.toString(millis);
    return "0".repeat(Math.max(0, 16 - digits.length())) + digits;
  }
}
