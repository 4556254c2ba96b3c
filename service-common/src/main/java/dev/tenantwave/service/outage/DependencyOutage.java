package dev.tenantwave.service.outage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * Recognises a failure that is an unavailable dependency rather than a bug: the request may succeed when retried
 * later, so it deserves a 503 with {@code Retry-After}, not a 500. Today the dependency recognised is the service's
 * PostgreSQL (pool timeout, refused or broken connection, server shutting down).
 */
public record DependencyOutage(String dependency, String cause) {

  public static final String POSTGRESQL = "PostgreSQL";
  /** HikariCP's message, with no SQL state, for a call on a connection it has already closed. */
  private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

  /** The outage behind {@code failure}, if any exception in its cause chain is one. */
  public static Optional<DependencyOutage> of(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
      if (isDatabaseUnavailable(t)) {
        return Optional.of(new DependencyOutage(POSTGRESQL, firstLine(t.getMessage())));
      }
    }
    return Optional.empty();
  }

  static boolean isDatabaseUnavailable(Throwable t) {
    if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
      return true;
    }
    if (t instanceof java.net.SocketException || t instanceof java.io.EOFException) {
      return true; // the database's socket broke under a statement
    }
    if (t instanceof SQLException && HIKARI_CLOSED_CONNECTION.equals(t.getMessage())) {
      return true; // a pooled connection that died with the server, lent out before the pool noticed
    }
    if (t instanceof SQLException sql && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now
      return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
    return false;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("").trim();
  }
}
