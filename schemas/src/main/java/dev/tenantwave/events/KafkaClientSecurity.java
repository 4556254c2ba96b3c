package dev.tenantwave.events;

import java.util.HashMap;
import java.util.Map;

/**
 * How a Tenantwave process authenticates to Kafka: as principal {@code TW_KAFKA_USER} with password
 * {@code TW_KAFKA_PASSWORD} over SASL/SCRAM-SHA-512 (docs/security.md lists each principal's ACLs). Every Kafka
 * client a service builds takes its settings through {@link #with}. Without {@code TW_KAFKA_USER} a client connects
 * without credentials, which a secured broker refuses; with it but without a password, nothing starts.
 */
public final class KafkaClientSecurity {

  public static final String USER_ENV = "TW_KAFKA_USER";
  public static final String PASSWORD_ENV = "TW_KAFKA_PASSWORD";
  public static final String MECHANISM = "SCRAM-SHA-512";

  private KafkaClientSecurity() {}

  /** {@code config} plus this process's credentials from the environment, if it has any. */
  public static Map<String, Object> with(Map<String, ?> config) {
    Map<String, Object> secured = new HashMap<>(config);
    secured.putAll(fromEnvironment());
    return secured;
  }

  public static Map<String, Object> fromEnvironment() {
    return settings(System.getenv(USER_ENV), System.getenv(PASSWORD_ENV));
  }

  /** The SASL settings of a principal; none for a blank user. */
  public static Map<String, Object> settings(String user, String password) {
    if (user == null || user.isBlank()) {
      return Map.of();
    }
    if (password == null || password.isBlank()) {
      throw new IllegalStateException(USER_ENV + " is " + user + " but " + PASSWORD_ENV + " is not set: there is no"
          + " default Kafka password");
    }
    return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", MECHANISM,
        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user + "\" password=\"" + password.replace("\"", "\\\"") + "\";");
  }
}
