package dev.tenantwave.gate.topology;

import dev.tenantwave.events.GateSpec;
import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.events.Topics;
import dev.tenantwave.gate.judging.Finding;
import dev.tenantwave.gate.judging.GateClock;
import dev.tenantwave.gate.judging.GateRules;
import dev.tenantwave.gate.judging.GateWindows;
import dev.tenantwave.gate.judging.JudgingPolicy;
import dev.tenantwave.gate.judging.Verdicts;
import dev.tenantwave.gate.judging.WindowTotals;
import dev.tenantwave.gate.topology.JudgedTenants.OpenWindow;
import dev.tenantwave.gate.topology.JudgedTenants.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The gate's Streams processor: keeps each tenant's windows, per-version totals, release state and last verdict,
 * asks {@link GateRules} whether anything changed and emits the verdict ({@link Verdicts}); a judged tenant's window
 * is published when it closes ({@link GateWindows}). Which tenants are judged and what counts as their baseline is
 * {@link JudgingPolicy}'s. Event time is the record timestamp (publishers set it to the start of their interval),
 * once {@link EventTimeGuard} has kept out records stamped beyond the allowed skew; the gate's clock is that event
 * time, but never ahead of the wall clock ({@link #now}).
 *
 * <p>The stores are the fault-tolerant truth; this processor also keeps their open windows, version totals, judged
 * release states and last verdicts as objects (loaded once in {@link #init}), so that a metric record costs one
 * lookup, one in-place merge and one store write, no store read and no decoding of state ({@link JudgedTenants}). A tenant that is not judged
 * keeps no windows: its records go straight into its version's totals, its baseline. The stores are write-behind
 * ({@link WriteBehindKeyValueStore}): that write only marks the window dirty; it is serialized once, into one
 * changelog record, when the task commits.
 */
final class TenantJudge implements Processor<String, byte[], String, Object> {

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
  /** Mirrors of this task's stores. */
  private final JudgedTenants tenants = new JudgedTenants();
  private Sensor lateRecords;
  private Sensor deadLettered;
  private Sensor verdicts;
  /** The wall clock when this task last read a record, or started: see {@link GateClock}. */
  private long lastReadAt;

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
    lastReadAt = context.currentSystemTimeMs();
    context.schedule(config.closeCheckInterval(), PunctuationType.STREAM_TIME, ignored -> closeWindows());
    context.schedule(config.closeCheckInterval(), PunctuationType.WALL_CLOCK_TIME, ignored -> closeWindows());
  }

  private void loadMirrors() {
    tenants.clear();
    try (KeyValueIterator<String, WindowTotals> it = openWindows.all()) {
      it.forEachRemaining(entry -> tenants.addOpenWindow(new OpenWindow(entry.key, entry.value)));
    }
    try (KeyValueIterator<String, WindowTotals> it = versionTotals.all()) {
      it.forEachRemaining(entry -> tenants.addTotals(new OpenWindow(entry.key, entry.value)));
    }
    try (KeyValueIterator<String, TenantReleaseState> it = releaseStates.all()) {
      it.forEachRemaining(entry -> {
        if (JudgingPolicy.isJudged(entry.value)) {
          tenants.setJudged(entry.key, entry.value);
        }
      });
    }
    try (KeyValueIterator<String, GateVerdict> it = lastVerdicts.all()) {
      it.forEachRemaining(entry -> tenants.rememberVerdict(entry.key, entry.value));
    }
  }

  @Override
  public void process(Record<String, byte[]> record) {
    lastReadAt = context.currentSystemTimeMs();
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
   * Keeps the latest release state of a tenant; a judged state of a new rollout starts its bake when
   * {@link JudgingPolicy#bakeStart} says ({@code publishedAt} is the record's timestamp) and its totals on the new
   * version afresh.
   */
  private void onReleaseState(String tenantId, TenantReleaseState state, long publishedAt) {
    TenantReleaseState previous = releaseStates.get(tenantId);
    if (state == null) {
      releaseStates.delete(tenantId);
      tenants.setJudged(tenantId, null);
      return;
    }
    if (previous != null && state.getVersion() < previous.getVersion()) {
      return;
    }
    boolean judged = JudgingPolicy.isJudged(state);
    if (judged) {
      if (JudgingPolicy.continuesRollout(previous, state)) {
        state.setSince(previous.getSince()); // the bake runs from the switch, whatever phase follows
      } else {
        state.setSince(JudgingPolicy.bakeStart(state, publishedAt, context.currentSystemTimeMs()));
        versionTotals.delete(JudgedTenants.totalsKey(tenantId, state.getAppVersion()));
        tenants.dropTotals(tenantId, state.getAppVersion());
      }
    }
    releaseStates.put(tenantId, state);
    tenants.setJudged(tenantId, judged ? state : null);
  }

  private void onMetrics(String tenantId, TenantRequestMetrics metrics, long timestamp) {
    Tenant tenant = tenants.find(tenantId);
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
      OpenWindow totals = tenants.versionTotals(tenant == null ? tenants.tenant(tenantId) : tenant, tenantId,
          metrics.getAppVersion(), start, end, config.relativeAccuracy());
      totals.totals().add(metrics).span(start, end);
      markDirty(versionTotals, versionTotalsBehind, totals);
      return;
    }
    OpenWindow open = tenant.openWindow(end, metrics.getAppVersion());
    if (open == null) {
      open = new OpenWindow(JudgedTenants.windowKey(end, tenantId, metrics.getAppVersion()),
          new WindowTotals(tenantId, metrics.getAppVersion(), start, end, config.relativeAccuracy()));
      tenants.addOpenWindow(open);
    }
    WindowTotals window = open.totals().add(metrics);
    markDirty(openWindows, openWindowsBehind, open); // serialized once, at the commit
    if (metrics.getAppVersion().equals(state.getAppVersion())) {
      GateVerdict last = tenants.lastVerdict(tenantId);
      GateSpec spec = state.getGates();
      GateRules.absoluteBreach(spec, window)
          .filter(finding -> finding.changes(last, state.getReleaseId(), state.getAppVersion()))
          .ifPresent(finding -> emit(state, last, finding, timestamp));
    }
  }

  /** The gate's clock ({@link GateClock}): stream time, never ahead of the wall clock, following it when idle. */
  private long now() {
    return GateClock.now(context.currentStreamTimeMs(), context.currentSystemTimeMs(), lastReadAt,
        config.grace().toMillis());
  }

  /** Folds the windows that closed into per-version totals, then judges what they touched and every due bake. */
  private void closeWindows() {
    long now = now();
    long closedUpTo = now - config.grace().toMillis();
    Set<String> touched = new LinkedHashSet<>();
    for (OpenWindow open : tenants.pollClosed(closedUpTo)) {
      openWindows.put(open.key(), null); // a delete that does not decode the old value
      if (closeWindow(open.totals())) {
        touched.add(open.totals().tenantId());
      }
    }
    for (String tenantId : touched) {
      judgeAgainstBaseline(tenantId, now);
    }
    judgeDueBakes(now);
  }

  /**
   * Publishes a judged tenant's closed window and folds it into its version's totals; whether it was on the version
   * the tenant is judged on.
   */
  private boolean closeWindow(WindowTotals window) {
    String tenantId = window.tenantId();
    TenantReleaseState state = tenants.judged(tenantId);
    if (state != null) {
      publishWindow(state, window);
    }
    if (!JudgingPolicy.countsInTotals(state, window.appVersion(), window.windowEnd())) {
      return false;
    }
    OpenWindow total = tenants.versionTotals(tenants.tenant(tenantId), tenantId, window.appVersion(),
        window.windowStart(), window.windowEnd(), config.relativeAccuracy());
    versionTotals.put(total.key(), total.totals().addWindow(window));
    return state != null && window.appVersion().equals(state.getAppVersion());
  }

  /** The window's measures for charts, next to the tenant's baseline, in the transaction of the verdicts. */
  private void publishWindow(TenantReleaseState state, WindowTotals window) {
    String previousVersion = state.getPreviousAppVersion();
    WindowTotals baseline = previousVersion == null ? null : tenants.totalsOf(window.tenantId(), previousVersion);
    context.forward(new Record<>(window.tenantId(), GateWindows.of(state, window, baseline), window.windowEnd()),
        GateTopology.WINDOWS_SINK);
  }

  private void judgeAgainstBaseline(String tenantId, long now) {
    TenantReleaseState state = tenants.judged(tenantId);
    GateVerdict last = tenants.lastVerdict(tenantId);
    WindowTotals onNew = tenants.totalsOf(tenantId, state.getAppVersion());
    String previousVersion = state.getPreviousAppVersion();
    WindowTotals baseline = previousVersion == null ? null : tenants.totalsOf(tenantId, previousVersion);
    GateRules.relativeBreach(state.getGates(), onNew, baseline)
        .filter(finding -> finding.changes(last, state.getReleaseId(), state.getAppVersion()))
        .ifPresent(finding -> emit(state, last, finding, now));
  }

  private void judgeDueBakes(long now) {
    long closedUpTo = now - config.grace().toMillis();
    List<TenantReleaseState> due = new ArrayList<>();
    for (TenantReleaseState state : tenants.judgedStates()) {
      if (closedUpTo >= state.getSince().toEpochMilli() + state.getGates().getBakeSeconds() * 1000L) {
        due.add(state);
      }
    }
    for (TenantReleaseState state : due) {
      String tenantId = state.getTenantId();
      GateVerdict last = tenants.lastVerdict(tenantId);
      long bakeStart = state.getSince().toEpochMilli();
      Finding finding = GateRules.bakeOutcome(state.getGates(),
          tenants.totalsOf(tenantId, state.getAppVersion()), state.getAppVersion(), bakeStart,
          bakeStart + state.getGates().getBakeSeconds() * 1000L);
      if (finding.changes(last, state.getReleaseId(), state.getAppVersion())) {
        emit(state, last, finding, now);
      }
    }
  }

  private void emit(TenantReleaseState state, GateVerdict last, Finding finding, long timestamp) {
    String tenantId = state.getTenantId();
    GateVerdict verdict = Verdicts.of(state, last, finding, Instant.now());
    lastVerdicts.put(tenantId, verdict);
    tenants.rememberVerdict(tenantId, verdict);
    context.forward(new Record<>(tenantId, verdict, timestamp), GateTopology.VERDICTS_SINK);
    verdicts.record();
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
}
