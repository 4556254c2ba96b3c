package dev.tenantwave.rollout.tenant;

import java.time.Instant;

/** What a transition asks the outside world to do; published through the outbox in the same transaction. */
public sealed interface Effect {

  /** A migration command for the tenant; the engine also schedules its answer's deadline. */
  record SendCommand(MigrationStep step, int attempt) implements Effect {}

  /**
   * A {@code release.tenant-state.v1} event. {@code onNewVersion} false means the tenant must get the release's
   * previous version (not yet switched, or switched back).
   */
  record AnnounceState(ReleasePhase phase, AnnouncedState state, boolean onNewVersion) implements Effect {}

  /** Wakes the tenant at a time (its maintenance window opens). */
  record WakeAt(Instant at) implements Effect {}
}
