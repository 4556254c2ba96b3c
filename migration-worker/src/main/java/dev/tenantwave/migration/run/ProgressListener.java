package dev.tenantwave.migration.run;

import java.util.concurrent.CompletableFuture;

/** Where progress goes: the Kafka publisher in production, a list in tests. */
@FunctionalInterface
public interface ProgressListener {

  void onProgress(Progress progress);

  /**
   * Takes a command's final progress (SUCCEEDED or FAILED) and completes once it is safely delivered: only then does
   * the command count as done. Cancelling gives up on the delivery. A listener that cannot lose what it was given,
   * like a list, has delivered it on return.
   */
  default CompletableFuture<Void> onFinalProgress(Progress progress) {
    onProgress(progress);
    return CompletableFuture.completedFuture(null);
  }
}
