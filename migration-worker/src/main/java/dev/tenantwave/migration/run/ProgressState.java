package dev.tenantwave.migration.run;

public enum ProgressState {
  STARTED,
  RUNNING,
  RETRYING,
  SUCCEEDED,
  FAILED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED;
  }
}
