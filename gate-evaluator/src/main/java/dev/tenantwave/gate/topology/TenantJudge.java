package dev.tenantwave.gate.topology;

import dev.tenantwave.events.GateSpec;
import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.TenantRolloutState;
import dev.tenantwave.events.Topics;
import dev.tenantwave.gate.judging.Finding;
import dev.tenantwave.gate.judging.GateRules;
import dev.tenantwave.gate.judging.WindowTotals;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each tenant's windows, per-version totals, release state and last verdict, and asks {@link GateRules}
 * whether anything changed. Event time is the record timestamp (publishers set it to the start of their interval),
 * once {@link EventTimeGuard} has kept out records stamped beyond the allowed skew; the gate's clock is that event
 * time, but never ahead of the wall clock ({@link #now}).
 *
 * <p>The stores are the fault-tolerant truth; this processor also keeps their open windows, version totals, judged
 * release states and last verdicts as objects (loaded once in {@link #init}), so that a metric record costs one
 * lookup, one in-place merge and one store write, no store read and no decoding of state. A tenant that is not judged
 * keeps no windows: its records go straight into its version's totals, its baseline. The stores are write-behind
 * ({@link WriteBehindKeyValueStore}): that write only marks the window dirty; it is serialized once, into one
 * changelog record, when the task commits.
 */
final class TenantJudge implements Processor<String, byte[], String, Object> {

  private static final Set<ReleasePhase> JUDGED_PHASES = Set.of(ReleasePhase.SWITCH, ReleasePhase.MIGRATE,
      ReleasePhase.BAKE);
  private static final Set<TenantRolloutState> UNJUDGED_STATES = Set.of(TenantRolloutState.FAILED,
      TenantRolloutState.ROLLED_BACK, TenantRolloutState.ISOLATED);

  private final GateConfig config;
  private final DecodeOrDeadLetter<TenantRequestMetrics> metricsDecoder;
  private final DecodeOrDeadLetter<TenantReleaseState> releaseStateDecoder;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, WindowTotals> openWindows;
  private KeyValueStore<String, WindowTotals> versionTotals;
  private KeyValueStore<String, TenantReleaseState> releaseStates;
  private KeyValueStore<String, GateVerdict> lastVerdicts;
  /** The write-behind layers of the window stores, to put a value changed in place only once per commit. */
  private WriteBehindKeyValueStore<?, ?> openWindowsBehind;
  private WriteBehindKeyValueStore<?, ?> versionTotalsBehind;
  /**
   * Mirrors of this task's stores: per tenant its open windows and judged state (one lookup per metric record), the
   * open windows by end, the judged states, the last verdicts.
   */
  private final Map<String, Tenant> tenants = new HashMap<>();
  private final NavigableMap<Long, List<OpenWindow>> openWindowsByEnd = new TreeMap<>();
  private final Map<String, TenantReleaseState> judgedStates = new HashMap<>();
  private final Map<String, GateVerdict> lastVerdictObjects = new HashMap<>();
  private Sensor lateRecords;
  private Sensor deadLettered;
  private Sensor verdicts;

  TenantJudge(GateConfig config, DecodeOrDeadLetter<TenantRequestMetrics> metricsDecoder,
      DecodeOrDeadLetter<TenantReleaseState> releaseStateDecoder) {
    this.config = config;
    this.metricsDecoder = metricsDecoder;
    this.releaseStateDecoder = releaseStateDecoder;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    deadLettered = GateSensors.sensor(context, GateSensors.DEAD_LETTERED_RECORDS);
    metricsDecoder.init(context, deadLettered);
    releaseStateDecoder.init(context, deadLettered);
    openWindows = context.getStateStore(GateTopology.OPEN_WINDOWS_STORE);
    versionTotals = context.getStateStore(GateTopology.VERSION_TOTALS_STORE);
    releaseStates = context.getStateStore(GateTopology.RELEASE_STATES_STORE);
    lastVerdicts = context.getStateStore(GateTopology.LAST_VERDICTS_STORE);
    openWindowsBehind = WriteBehindKeyValueStore.under(openWindows);
    versionTotalsBehind = WriteBehindKeyValueStore.under(versionTotals);
    loadMirrors();
    lateRecords = GateSensors.sensor(context, GateSensors.LATE_RECORDS);
    verdicts = GateSensors.sensor(context, GateSensors.VERDICTS);
    // Stream time closes windows as fast as a backlog is read; the wall clock closes them, and ends bakes, when the
    // gate's clock is held back by it (see now()) and stream time does not move on.
    context.schedule(config.closeCheckInterval(), PunctuationType.STREAM_TIME, ignored -> closeWindows());
    context.schedule(config.closeCheckInterval(), PunctuationType.WALL_CLOCK_TIME, ignored -> closeWindows());
  }

  private void loadMirrors() {
    tenants.clear();
    openWindowsByEnd.clear();
    judgedStates.clear();
    lastVerdictObjects.clear();
    try (KeyValueIterator<String, WindowTotals> it = openWindows.all()) {
      it.forEachRemaining(entry -> addOpenWindow(new OpenWindow(entry.key, entry.value)));
    }
    try (KeyValueIterator<String, WindowTotals> it = versionTotals.all()) {
      it.forEachRemaining(entry -> tenant(entry.value.tenantId()).totals.add(new OpenWindow(entry.key, entry.value)));
    }
    try (KeyValueIterator<String, TenantReleaseState> it = releaseStates.all()) {
      it.forEachRemaining(entry -> {
        if (isJudged(entry.value)) {
          setJudged(entry.key, entry.value);
        }
      });
    }
    try (KeyValueIterator<String, GateVerdict> it = lastVerdicts.all()) {
      it.forEachRemaining(entry -> lastVerdictObjects.put(entry.key, entry.value));
    }
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RecordMetadata read = context.recordMetadata().orElseThrow();
    if (!read.topic().equals(Topics.RELEASE_TENANT_STATE.name())) {
      // from tenant.metrics.v1, or from the repartition topic when its publisher put it on another partition
      Object metrics = metricsDecoder.decode(record, Topics.TENANT_METRICS.name());
      if (metrics != DecodeOrDeadLetter.DEAD_LETTERED) {
        onMetrics(record.key(), (TenantRequestMetrics) metrics, record.timestamp());
      }
    } else if (record.key() != null
        && TenantPartitioner.partitionOf(record.key(), config.tenantPartitions()) != read.partition()) {
      DecodeOrDeadLetter.deadLetter(context, record, String.format(Locale.ROOT,
          "release state of '%s' on partition %d, where the gate does not judge it: it judges a tenant on the "
              + "partition Kafka's default partitioner gives its id, %d of %d (tenantwave.gate.tenant-partitions)",
          record.key(), read.partition(), TenantPartitioner.partitionOf(record.key(), config.tenantPartitions()),
          config.tenantPartitions()), null, GateTopology.RELEASE_STATE_DEAD_LETTERS, deadLettered);
    } else {
      Object state = releaseStateDecoder.decode(record, read.topic());
      if (state != DecodeOrDeadLetter.DEAD_LETTERED) {
        onReleaseState(record.key(), (TenantReleaseState) state, record.timestamp());
      }
    }
  }

  /**
   * A judged state of a new rollout starts its bake when the switch was published ({@code publishedAt}, the record's
   * timestamp, never ahead of the wall clock), if that is later than when it was decided ({@code since}): no router
   * can send the tenant's traffic to the new version before the switch is on the wire, so a switch published late
   * (its orchestrator died, or Kafka was away, in between) would otherwise be judged on a bake that never ran,
   * INCONCLUSIVE for want of requests.
   */
  private void onReleaseState(String tenantId, TenantReleaseState state, long publishedAt) {
    TenantReleaseState previous = releaseStates.get(tenantId);
    if (state == null) {
      releaseStates.delete(tenantId);
      setJudged(tenantId, null);
      return;
    }
    if (previous != null && state.getVersion() < previous.getVersion()) {
      return;
    }
    if (isJudged(state)) {
      if (isJudged(previous) && sameRollout(previous, state)) {
        state.setSince(previous.getSince()); // the bake runs from the switch, whatever phase follows
      } else {
        long switchedAt = Math.min(publishedAt, context.currentSystemTimeMs());
        if (switchedAt > state.getSince().toEpochMilli()) {
          state.setSince(Instant.ofEpochMilli(switchedAt));
        }
        versionTotals.delete(totalsKey(tenantId, state.getAppVersion()));
        Tenant tenant = tenants.get(tenantId);
        if (tenant != null) {
          tenant.totals.removeIf(totals -> totals.totals().appVersion().equals(state.getAppVersion()));
        }
      }
    }
    releaseStates.put(tenantId, state);
    setJudged(tenantId, isJudged(state) ? state : null);
  }

  private void setJudged(String tenantId, TenantReleaseState state) {
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

  private void onMetrics(String tenantId, TenantRequestMetrics metrics, long timestamp) {
    Tenant tenant = tenants.get(tenantId);
    TenantReleaseState state = tenant == null ? null : tenant.judged;
    long size = state == null ? config.window().toMillis() : state.getGates().getWindowSeconds() * 1000L;
    long start = timestamp - Math.floorMod(timestamp, size);
    long end = start + size;
    if (end + config.grace().toMillis() <= now()) {
      lateRecords.record();
      return;
    }
    if (state == null) {
      // Not judged: the record only builds the baseline, so it goes straight into its version's totals (one
      // changelog record per tenant and commit, and no window to close).
      OpenWindow totals = versionTotals(tenant == null ? tenant(tenantId) : tenant, tenantId,
          metrics.getAppVersion(), start, end);
      totals.totals().add(metrics).span(start, end);
      markDirty(versionTotals, versionTotalsBehind, totals);
      return;
    }
    OpenWindow open = tenant.openWindow(end, metrics.getAppVersion());
    if (open == null) {
      open = new OpenWindow(windowKey(end, tenantId, metrics.getAppVersion()),
          new WindowTotals(tenantId, metrics.getAppVersion(), start, end, config.relativeAccuracy()));
      addOpenWindow(open);
    }
    WindowTotals window = open.totals().add(metrics);
    markDirty(openWindows, openWindowsBehind, open); // serialized once, at the commit
    if (metrics.getAppVersion().equals(state.getAppVersion())) {
      GateVerdict last = lastVerdictObjects.get(tenantId);
      GateSpec spec = state.getGates();
      GateRules.absoluteBreach(spec, window)
          .filter(finding -> finding.changes(last, state.getReleaseId(), state.getAppVersion()))
          .ifPresent(finding -> emit(state, last, finding, timestamp));
    }
  }

  /**
   * The gate's clock: stream time, the highest event time read, but never ahead of the wall clock. Records may be
   * stamped up to the allowed skew ahead; such a record must not close other tenants' windows, nor end a bake, before
   * their time has come on the wall clock as well.
   */
  private long now() {
    return Math.min(context.currentStreamTimeMs(), context.currentSystemTimeMs());
  }

  /** Folds the windows that closed into per-version totals, then judges what they touched and every due bake. */
  private void closeWindows() {
    long now = now();
    long closedUpTo = now - config.grace().toMillis();
    Set<String> touched = new LinkedHashSet<>();
    while (!openWindowsByEnd.isEmpty() && openWindowsByEnd.firstKey() <= closedUpTo) {
      for (OpenWindow open : openWindowsByEnd.pollFirstEntry().getValue()) {
        String tenantId = open.totals().tenantId();
        Tenant tenant = tenants.get(tenantId);
        tenant.open.remove(open);
        forgetIfIdle(tenantId, tenant);
        openWindows.put(open.key(), null); // a delete that does not decode the old value
        if (closeWindow(open.totals())) {
          touched.add(tenantId);
        }
      }
    }
    for (String tenantId : touched) {
      judgeAgainstBaseline(tenantId, now);
    }
    judgeDueBakes(now);
  }

  /** Folds a closed window into its version's totals; whether it was on the version the tenant is judged on. */
  private boolean closeWindow(WindowTotals window) {
    String tenantId = window.tenantId();
    TenantReleaseState state = judgedState(tenantId);
    boolean onJudgedVersion = state != null && window.appVersion().equals(state.getAppVersion());
    if (state != null && !onJudgedVersion && window.windowEnd() > state.getSince().toEpochMilli()) {
      return false; // the baseline is the tenant's traffic before the switch only
    }
    OpenWindow total = versionTotals(tenant(tenantId), tenantId, window.appVersion(), window.windowStart(),
        window.windowEnd());
    versionTotals.put(total.key(), total.totals().addWindow(window));
    return onJudgedVersion;
  }

  private void judgeAgainstBaseline(String tenantId, long now) {
    TenantReleaseState state = judgedState(tenantId);
    GateVerdict last = lastVerdictObjects.get(tenantId);
    WindowTotals onNew = totalsOf(tenantId, state.getAppVersion());
    String previousVersion = state.getPreviousAppVersion();
    WindowTotals baseline = previousVersion == null ? null : totalsOf(tenantId, previousVersion);
    GateRules.relativeBreach(state.getGates(), onNew, baseline)
        .filter(finding -> finding.changes(last, state.getReleaseId(), state.getAppVersion()))
        .ifPresent(finding -> emit(state, last, finding, now));
  }

  private void judgeDueBakes(long now) {
    long closedUpTo = now - config.grace().toMillis();
    List<TenantReleaseState> due = new ArrayList<>();
    for (TenantReleaseState state : judgedStates.values()) {
      if (closedUpTo >= state.getSince().toEpochMilli() + state.getGates().getBakeSeconds() * 1000L) {
        due.add(state);
      }
    }
    for (TenantReleaseState state : due) {
      String tenantId = state.getTenantId();
      GateVerdict last = lastVerdictObjects.get(tenantId);
      long bakeStart = state.getSince().toEpochMilli();
      Finding finding = GateRules.bakeOutcome(state.getGates(),
          totalsOf(tenantId, state.getAppVersion()), state.getAppVersion(), bakeStart,
          bakeStart + state.getGates().getBakeSeconds() * 1000L);
      if (finding.changes(last, state.getReleaseId(), state.getAppVersion())) {
        emit(state, last, finding, now);
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
    lastVerdictObjects.put(tenantId, verdict);
    context.forward(new Record<>(tenantId, verdict, timestamp), GateTopology.VERDICTS_SINK);
    verdicts.record();
  }

  /** The tenant's release state when the gate judges it (switched, migrating or baking), else null. */
  private TenantReleaseState judgedState(String tenantId) {
    return judgedStates.get(tenantId);
  }

  private void addOpenWindow(OpenWindow open) {
    tenant(open.totals().tenantId()).open.add(open);
    openWindowsByEnd.computeIfAbsent(open.totals().windowEnd(), end -> new ArrayList<>()).add(open);
  }

  private Tenant tenant(String tenantId) {
    return tenants.computeIfAbsent(tenantId, id -> new Tenant());
  }

  /** A tenant's totals on a version, created (spanning the given window) when it has none yet. */
  private OpenWindow versionTotals(Tenant tenant, String tenantId, String appVersion, long start, long end) {
    OpenWindow totals = tenant.totalsOf(appVersion);
    if (totals == null) {
      totals = new OpenWindow(totalsKey(tenantId, appVersion),
          new WindowTotals(tenantId, appVersion, start, end, config.relativeAccuracy()));
      tenant.totals.add(totals);
    }
    return totals;
  }

  private WindowTotals totalsOf(String tenantId, String appVersion) {
    Tenant tenant = tenants.get(tenantId);
    OpenWindow totals = tenant == null ? null : tenant.totalsOf(appVersion);
    return totals == null ? null : totals.totals();
  }

  private void forgetIfIdle(String tenantId, Tenant tenant) {
    if (tenant.judged == null && tenant.open.isEmpty() && tenant.totals.isEmpty()) {
      tenants.remove(tenantId);
    }
  }

  /**
   * A tenant's judged release state (null when not judged), open windows (one or two, mostly) and totals per
   * version (with their store keys).
   */
  private static final class Tenant {

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
   * Puts a window changed in place into its store, which marks it dirty, unless it was put since the store last
   * wrote or dropped its dirty keys (then it is still dirty, and serialized in its latest state at the commit).
   */
  private static void markDirty(KeyValueStore<String, WindowTotals> store, WriteBehindKeyValueStore<?, ?> behind,
      OpenWindow window) {
    if (behind == null) {
      store.put(window.key(), window.totals());
    } else if (window.putIn != behind.generation()) {
      store.put(window.key(), window.totals());
      window.putIn = behind.generation();
    }
  }

  /**
   * An open window, or a version's totals, its store key, and the generation of its write-behind store it was last
   * put in (Long.MIN_VALUE: not yet).
   */
  private static final class OpenWindow {

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

  private static boolean isJudged(TenantReleaseState state) {
    return state != null && JUDGED_PHASES.contains(state.getPhase()) && !UNJUDGED_STATES.contains(state.getState());
  }

  private static boolean sameRollout(TenantReleaseState a, TenantReleaseState b) {
    return a.getReleaseId().equals(b.getReleaseId()) && a.getAppVersion().equals(b.getAppVersion());
  }

  private static boolean sameRelease(GateVerdict last, TenantReleaseState state) {
    return last.getReleaseId().equals(state.getReleaseId()) && last.getAppVersion().equals(state.getAppVersion());
  }

  /** Keys start with the tenant, so that the store cache's sorted lookups tell keys apart early. */
  static String windowKey(long windowEnd, String tenantId, String appVersion) {
    return tenantId + "|" + appVersion + "|" + windowEnd;
  }

  static String totalsKey(String tenantId, String appVersion) {
    return tenantId + "|" + appVersion;
  }
}
