package dev.tenantwave.rollout.plan;

/** Whether regions are released one after another, in plan order, or all at once. */
public enum RegionOrder {
  SEQUENTIAL, PARALLEL
}
