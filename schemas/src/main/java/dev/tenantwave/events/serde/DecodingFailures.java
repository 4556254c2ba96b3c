package dev.tenantwave.events.serde;

import com.microsoft.kiota.ApiException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a record that can never be decoded (dead-letter it and move on) from a schema registry that cannot answer
 * for now (keep the record and try it again later: it is not the record's fault). The one classification every
 * consumer uses: the gate, the migration worker, the orchestrator and {@code catalog-view}.
 *
 * <p>Only a definite answer makes a record poison: bytes that are not in the wire format or do not decode with
 * their schema, or a registry that answered 4xx for the record's schema id. A registry that is unreachable, closed
 * the connection, timed out or answered 5xx, 408 or 429 says nothing about the record.
 */
public final class DecodingFailures {

  private DecodingFailures() {}

  public static boolean isPermanent(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ApiException) {
        return isDefiniteRefusal(((ApiException) t).getResponseStatusCode());
      }
      if (t instanceof TimeoutException || (t instanceof IOException && !thrownByAvro(t))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDefiniteRefusal(int status) {
    return status >= 400 && status < 500 && status != 408 && status != 429;
  }

  /** Avro reports truncated bytes as an {@link IOException}; that one is the record's fault. */
  private static boolean thrownByAvro(Throwable t) {
    StackTraceElement[] frames = t.getStackTrace();
    return frames.length > 0 && frames[0].getClassName().startsWith("org.apache.avro.");
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
