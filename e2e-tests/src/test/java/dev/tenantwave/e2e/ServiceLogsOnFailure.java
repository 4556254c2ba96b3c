package dev.tenantwave.e2e;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Prints the tail of every service's log when a test or its set-up fails, so that a red build shows what the
 * services said (the whole logs stay in {@code target/e2e-logs}).
 */
final class ServiceLogsOnFailure implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  private volatile Supplier<String> tails = () -> "(no service was started)";

  void watch(Supplier<String> logTails) {
    this.tails = logTails;
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
    print(context);
    throw throwable;
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    print(context);
    throw throwable;
  }

  private void print(ExtensionContext context) {
    System.err.println("=== " + context.getDisplayName() + " failed; the services' logs end with:\n" + tails.get());
  }
}
