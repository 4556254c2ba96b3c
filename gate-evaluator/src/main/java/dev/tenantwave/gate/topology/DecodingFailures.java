package dev.tenantwave.gate.topology;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a record that can never be decoded (dead-letter it and move on) from a registry that is out of reach for
 * now (fail the task, so that the replaced thread retries the same record).
 */
final class DecodingFailures {

  private DecodingFailures() {}

  static boolean isPermanent(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
          || t instanceof UnknownHostException || t instanceof TimeoutException) {
        return false;
      }
    }
    return true;
  }

  static String describe(Throwable failure) {
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
