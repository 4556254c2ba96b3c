package dev.tenantwave.cli.release;

import dev.tenantwave.cli.release.ReleaseDocuments.ReleaseDetail;
import java.time.Duration;

/** Asks the orchestrator for the release every interval. */
final class PollingReleaseFeed implements ReleaseFeed {

  private final RolloutClient client;
  private final Duration interval;

  PollingReleaseFeed(RolloutClient client, Duration interval) {
    this.client = client;
    this.interval = interval;
  }

  @Override
  public void follow(String releaseId, Listener listener) throws InterruptedException {
    while (true) {
      String document = client.detail(releaseId);
      if (!listener.onUpdate(new ReleaseUpdate(ReleaseDocuments.read(document, ReleaseDetail.class), document))) {
        return;
      }
      Thread.sleep(interval.toMillis());
    }
  }
}
