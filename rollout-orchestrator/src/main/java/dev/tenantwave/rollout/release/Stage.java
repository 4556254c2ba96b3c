package dev.tenantwave.rollout.release;

/** One percentage step of one wave of one region: the unit that starts, bakes and completes together. */
public record Stage(String region, int index, int wave, String waveName, int step, int percent) {

  public String cohort() {
    return waveName + "@" + percent + "%";
  }
}
