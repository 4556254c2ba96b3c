package dev.tenantwave.events.serde;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a record that can never be decoded (dead-letter it and move on) from a schema registry that is out of reach
 * for now (keep the record and try it again later: it is not the record's fault). The one classification every
 * consumer uses: the gate, the migration worker, the orchestrator and {@code catalog-view}.
 */
public final class DecodingFailures {

  private DecodingFailures() {}

  public static boolean isPermanent(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
          || t instanceof UnknownHostException || t instanceof TimeoutException) {
        return false;
      }
    }
    return true;
  }

  /** The failure's message followed by its causes' messages, for a dead letter's reason header. */
  public static String describe(Throwable failure) {
    Throwable root = failure;
    StringBuilder message = new StringBuilder(String.valueOf(failure.getMessage()));
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
      if (root.getMessage() != null) {
        message.append(": ").append(root.getMessage());
      }
    }
    return message.toString();
  }
}
