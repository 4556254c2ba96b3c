package dev.tenantwave.gate.judging;

/**
 * The gate's clock, by which windows close and bakes end. It is stream time, the highest event time read, so that a
 * backlog is judged as fast as it is read, but never ahead of the wall clock, so that a record stamped ahead (within
 * the allowed skew) ends no other tenant's window or bake early. A partition that has read nothing for
 * {@code idleAfter} of wall time has no backlog, and stream time no longer moves there: its clock then follows the
 * wall clock, {@code idleAfter} behind. Without that, a tenant whose partition carries no traffic at all would bake
 * forever instead of getting its INCONCLUSIVE verdict, and a quiet partition would never close its windows.
 */
public final class GateClock {

  private GateClock() {
  }

  /**
   * @param streamTime the task's stream time
   * @param wallClock the wall clock now
   * @param lastReadAt the wall clock when the task last read a record (or started)
   * @param idleAfter how long without a record makes the partition idle, in milliseconds
   */
  public static long now(long streamTime, long wallClock, long lastReadAt, long idleAfter) {
    long clock = wallClock - lastReadAt >= idleAfter ? Math.max(streamTime, wallClock - idleAfter) : streamTime;
    return Math.min(clock, wallClock);
  }
}
