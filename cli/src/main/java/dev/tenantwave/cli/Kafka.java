package dev.tenantwave.cli;

import dev.tenantwave.events.KafkaClientSecurity;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.ApiException;

/**
 * The broker as the CLI reaches it: an admin client whose timeouts fit together (Kafka refuses one whose
 * {@code default.api.timeout.ms} is below its {@code request.timeout.ms}) and give up in seconds, and one clear line
 * when the broker cannot be reached. It logs in as {@code TW_KAFKA_USER} when that is set.
 */
public final class Kafka {

  /** How long one request may take; a call gives up after {@link #CALL_TIMEOUT_MS}. */
  static final int REQUEST_TIMEOUT_MS = 5_000;
  public static final int CALL_TIMEOUT_MS = 10_000;

  private Kafka() {}

  public static Admin admin() {
    return Admin.create(KafkaClientSecurity.with(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafkaBootstrap(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CALL_TIMEOUT_MS,
        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000)));
  }

  /**
   * What the CLI says when a call to the broker failed: a refusal the broker answered with (exit 1), or, when it did
   * not answer, which broker and what to check (exit 3).
   */
  public static RuntimeException failed(Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof ApiException && !(cause instanceof org.apache.kafka.common.errors.TimeoutException)) {
      return new ServiceClient.Refused("Kafka at " + Endpoints.kafkaBootstrap() + " refused: " + cause.getMessage());
    }
    String why = cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException
        ? "no answer within " + CALL_TIMEOUT_MS / 1000 + " s"
        : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    return new ServiceClient.Unavailable("cannot reach Kafka at " + Endpoints.kafkaBootstrap() + " (" + why
        + "); is './tw up' running? TW_KAFKA_BOOTSTRAP sets another broker");
  }
}
