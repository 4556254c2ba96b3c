package dev.tenantwave.migration.set;

public class InvalidMigrationSetException extends RuntimeException {
  public InvalidMigrationSetException(String message) {
    super(message);
  }
}
