package dev.tenantwave.rollout.release;

/** Where one region's pipeline stands. */
public enum RegionState { WAITING, RUNNING, PAUSED, COMPLETED }
