package dev.tenantwave.events;

import java.util.HashMap;
import java.util.Map;

/**
 * How a Tenantwave process authenticates to Kafka: as principal {@code TW_KAFKA_USER} with password
 * {@code TW_KAFKA_PASSWORD} over SASL/SCRAM-SHA-512 (docs/security.md lists each principal's ACLs), or over
 * SASL/PLAIN with {@code TW_KAFKA_SASL_MECHANISM=PLAIN} (the broker's administrator on its internal listener). Every Kafka
 * client a service builds takes its settings through {@link #with}. Without {@code TW_KAFKA_USER} a client connects
 * without credentials, which a secured broker refuses; with it but without a password, nothing starts.
 */
public final class KafkaClientSecurity {

  public static final String USER_ENV = "TW_KAFKA_USER";
  public static final String PASSWORD_ENV = "TW_KAFKA_PASSWORD";
  public static final String MECHANISM_ENV = "TW_KAFKA_SASL_MECHANISM";
  public static final String MECHANISM = "SCRAM-SHA-512";

  private KafkaClientSecurity() {}

  /** {@code config} plus this process's credentials from the environment, if it has any. */
  public static Map<String, Object> with(Map<String, ?> config) {
    Map<String, Object> secured = new HashMap<>(config);
    secured.putAll(fromEnvironment());
    return secured;
  }

  public static Map<String, Object> fromEnvironment() {
    String mechanism = System.getenv(MECHANISM_ENV);
    return settings(System.getenv(USER_ENV), System.getenv(PASSWORD_ENV),
        mechanism == null || mechanism.isBlank() ? MECHANISM : mechanism);
  }

  /** The SCRAM settings of a principal; none for a blank user. */
  public static Map<String, Object> settings(String user, String password) {
    return settings(user, password, MECHANISM);
  }

  /** The SASL settings of a principal with SCRAM-SHA-512 or PLAIN; none for a blank user. */
  public static Map<String, Object> settings(String user, String password, String mechanism) {
    if (user == null || user.isBlank()) {
      return Map.of();
    }
    if (password == null || password.isBlank()) {
      throw new IllegalStateException(USER_ENV + " is " + user + " but " + PASSWORD_ENV + " is not set: there is no"
          + " default Kafka password");
    }
    String module;
    if (MECHANISM.equals(mechanism)) {
      module = "org.apache.kafka.common.security.scram.ScramLoginModule";
    } else if ("PLAIN".equals(mechanism)) {
      module = "org.apache.kafka.common.security.plain.PlainLoginModule";
    } else {
      throw new IllegalStateException(MECHANISM_ENV + " is " + mechanism + "; use " + MECHANISM + " or PLAIN");
    }
    return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", mechanism,
        "sasl.jaas.config", module + " required username=\"" + user + "\" password=\""
            + password.replace("\"", "\\\"") + "\";");
  }
}
