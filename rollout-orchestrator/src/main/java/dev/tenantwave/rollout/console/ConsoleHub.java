package dev.tenantwave.rollout.console;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Fans the console's deltas out to the browsers watching: each subscriber gets the deltas of its release (or the
 * release changes of all releases, or one tenant's gate windows), batched every {@code batch} so that a burst of thousands of tenant changes is a
 * few SSE events, never the whole release. A browser that falls {@code maxBuffered} deltas behind is told to
 * resynchronise (reload its snapshot) instead of being fed an ever longer queue.
 */
public final class ConsoleHub implements Consumer<ConsoleDelta> {

  public static final Duration DEFAULT_BATCH = Duration.ofMillis(100);
  public static final int DEFAULT_MAX_BUFFERED = 100_000;
  private static final int MAX_PER_BATCH = 5_000;

  /** What a subscriber receives: deltas, or the instruction to reload because some were lost. */
  public record Batch(List<ConsoleDelta> deltas, boolean resync) {}

  private final Sinks.Many<ConsoleDelta> sink = Sinks.many().multicast().directBestEffort();
  private final Duration batch;
  private final int maxBuffered;

  public ConsoleHub(Duration batch, int maxBuffered) {
    this.batch = batch;
    this.maxBuffered = maxBuffered;
  }

  /** Called by the feed's single thread; a delta nobody watches is dropped. */
  @Override
  public synchronized void accept(ConsoleDelta delta) {
    sink.tryEmitNext(delta);
  }

  /**
   * With {@code releaseId} null, the release changes of every release; with a release, its deltas but its gate
   * windows; with a tenant too, only that tenant's windows (what an open tenant panel draws). Windows go only to the
   * panels that show them: a release of 10,000 judged tenants closes 1,000 windows a second with 10 s windows.
   */
  public Flux<Batch> watch(String releaseId, String tenantId) {
    return sink.asFlux()
        .filter(d -> wanted(d, releaseId, tenantId))
        .onBackpressureBuffer(maxBuffered, BufferOverflowStrategy.ERROR)
        .bufferTimeout(MAX_PER_BATCH, batch)
        .map(deltas -> new Batch(coalesce(deltas), false))
        .onErrorResume(e -> Flux.just(new Batch(List.of(), true)));
  }

  static boolean wanted(ConsoleDelta d, String releaseId, String tenantId) {
    if (releaseId == null) {
      return ConsoleDelta.RELEASE.equals(d.kind());
    }
    if (!releaseId.equals(d.releaseId())) {
      return false;
    }
    boolean window = ConsoleDelta.WINDOW.equals(d.kind());
    return tenantId == null ? !window : window && tenantId.equals(d.tenantId());
  }

  /**
   * Within one batch only the last state of a tenant, the last progress of a tenant's phase and the last state of a
   * release count; each kept delta moves to where its last version was, so a tenant's deltas keep their order.
   * Verdicts and windows are all kept: each is a point of the tenant's history.
   */
  static List<ConsoleDelta> coalesce(List<ConsoleDelta> deltas) {
    java.util.LinkedHashMap<Object, ConsoleDelta> kept = new java.util.LinkedHashMap<>();
    for (ConsoleDelta d : deltas) {
      Object key = switch (d.kind()) {
        case ConsoleDelta.TENANT -> List.of(d.kind(), d.tenantId());
        case ConsoleDelta.PROGRESS -> List.of(d.kind(), d.tenantId(), d.progress().phase());
        case ConsoleDelta.RELEASE -> List.of(d.kind(), d.releaseId());
        default -> new Object(); // verdicts and windows: a key of their own
      };
      kept.remove(key);
      kept.put(key, d);
    }
    return kept.size() == deltas.size() ? deltas : List.copyOf(kept.values());
  }

  public int subscribers() {
    return sink.currentSubscriberCount();
  }
}
