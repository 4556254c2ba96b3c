package dev.tenantwave.migration.database;

/** A step that must not be retried: drift, verification, a fleet precondition. Its message goes to the operator. */
public class StepFailedException extends RuntimeException {
  public StepFailedException(String message) {
    super(message);
  }
}
