package dev.tenantwave.cli.release;

import dev.tenantwave.cli.release.ReleaseDocuments.ReleaseDetail;

/**
 * Where {@code tw release watch} learns how a release stands. {@link PollingReleaseFeed} asks the API; a feed read
 * from the {@code release.status.v1} topic can take its place without touching {@link ReleaseWatch} or the display.
 */
interface ReleaseFeed {

  /** Hands each state of the release it learns of to the listener, in order, until the listener answers false. */
  void follow(String releaseId, Listener listener) throws InterruptedException;

  interface Listener {
    boolean onUpdate(ReleaseUpdate update);
  }

  /** A state of the release, and the document it came as (printed unchanged with {@code --output json}). */
  record ReleaseUpdate(ReleaseDetail release, String document) {}
}
