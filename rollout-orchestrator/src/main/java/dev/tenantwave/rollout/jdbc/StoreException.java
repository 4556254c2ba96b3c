package dev.tenantwave.rollout.jdbc;

import java.sql.SQLException;

/** A database failure inside a store call; the transaction around it rolls back and is retried or reported. */
public final class StoreException extends RuntimeException {

  public StoreException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  public SQLException sqlException() {
    return (SQLException) getCause();
  }
}
