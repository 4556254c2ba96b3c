package dev.tenantwave.cli.release;

import dev.tenantwave.cli.ExitCodes;
import dev.tenantwave.cli.release.ReleaseDocuments.Region;
import dev.tenantwave.cli.release.ReleaseDocuments.ReleaseDetail;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Follows a release until nothing more happens without a person: it settled (AWAITING_CONTRACT_APPROVAL, COMPLETED
 * or ABORTED), or failures stopped it (a region paused with failed tenants in its current wave).
 */
final class ReleaseWatch {

  static final Set<String> SETTLED = Set.of("AWAITING_CONTRACT_APPROVAL", "COMPLETED", "ABORTED");
  static final int STOPPED_ON_FAILURES = 4;

  /** How watching ended: the exit code, and what to tell the person. */
  record Ending(int exitCode, String message) {}

  private final ReleaseFeed feed;
  private final WatchDisplay display;

  ReleaseWatch(ReleaseFeed feed, WatchDisplay display) {
    this.feed = feed;
    this.display = display;
  }

  Ending follow(String releaseId) throws InterruptedException {
    AtomicReference<Ending> ending = new AtomicReference<>();
    feed.follow(releaseId, update -> {
      display.show(update);
      endingOf(update.release()).ifPresent(ending::set);
      return ending.get() == null;
    });
    return ending.get() != null ? ending.get()
        : new Ending(ExitCodes.UNAVAILABLE, "the feed of release " + releaseId + " ended before the release settled");
  }

  static Optional<Ending> endingOf(ReleaseDetail release) {
    if (SETTLED.contains(release.state())) {
      return Optional.of(new Ending(ExitCodes.OK, "release " + release.id() + " is " + release.state()));
    }
    for (Region region : release.regions()) {
      long failed = region.state().equals("PAUSED")
          ? ReleaseText.currentWave(region).map(ReleaseDocuments.Wave::failed).orElse(0L) : 0;
      if (failed > 0) {
        return Optional.of(new Ending(STOPPED_ON_FAILURES, "release " + release.id() + " stopped on failures: "
            + region.region() + " is paused with " + failed + " failed tenant(s) in its current wave"
            + (region.pausedReason() == null ? "" : " (" + region.pausedReason() + ")")));
      }
    }
    return Optional.empty();
  }
}
