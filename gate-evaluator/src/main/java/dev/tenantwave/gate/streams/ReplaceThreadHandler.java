package dev.tenantwave.gate.streams;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the failure and replaces the stream thread; the aborted transaction makes the retry exactly-once. */
final class ReplaceThreadHandler implements StreamsUncaughtExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ReplaceThreadHandler.class);
  static final AtomicLong REPLACED = new AtomicLong();

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    REPLACED.incrementAndGet();
    LOG.error("Gate stream thread failed; replacing it", exception);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }
}
