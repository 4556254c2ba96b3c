package dev.tenantwave.migration.run;

/** Where progress goes: the Kafka publisher in production, a list in tests. */
@FunctionalInterface
public interface ProgressListener {
  void onProgress(Progress progress);
}
