package dev.tenantwave.service.dlq;

import dev.tenantwave.events.serde.DecodingFailures;
import org.apache.kafka.common.errors.RetriableException;

/**
 * A record could not be decoded because the schema registry is out of reach: the record is fine, so it is not
 * dead-lettered; the consumer must not move past it and should try it again after a pause.
 */
public class RegistryUnavailableException extends RetriableException {

  private final String topic;
  private final int partition;
  private final long offset;

  public RegistryUnavailableException(String topic, int partition, long offset, Throwable cause) {
    super("Schema registry unreachable while decoding " + topic + "-" + partition + "@" + offset + ": "
        + DecodingFailures.describe(cause), cause);
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }
}
