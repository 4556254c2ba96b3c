package dev.tenantwave.service.config;

import dev.tenantwave.events.KafkaClientSecurity;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Gives every service the settings they share (Kafka, registry, health, metrics, JSON errors) from
 * {@code tenantwave-defaults.yml}, below the service's own {@code application.yml} and the environment.
 */
@ContextConfigurer
public class TenantwaveDefaults implements ApplicationContextConfigurer {

  static final String RESOURCE = "tenantwave-defaults.yml";
  /** The JWKS that signs operators' bearer tokens; without it only HTTP Basic authenticates. */
  static final String JWKS_URL_ENV = "TW_JWT_JWKS_URL";
  static final String JWKS_URL = "micronaut.security.token.jwt.signatures.jwks.tenantwave.url";
  private static final int LOWEST_PRECEDENCE = -1000;

  @Override
  public void configure(ApplicationContextBuilder builder) {
    builder.propertySources(PropertySource.of(RESOURCE, load(), LOWEST_PRECEDENCE));
  }

  private static Map<String, Object> load() {
    try (InputStream in = TenantwaveDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      Map<String, Object> defaults = new java.util.LinkedHashMap<>(new YamlPropertySourceLoader().read(RESOURCE, in));
      String jwks = System.getenv(JWKS_URL_ENV);
      if (jwks != null && !jwks.isBlank()) { // a JWKS entry without a URL would not start, so none is declared then
        defaults.put(JWKS_URL, jwks);
      }
      // micronaut-kafka's clients take kafka.*; the clients the services build take the same through
      // KafkaClientSecurity.with
      KafkaClientSecurity.fromEnvironment().forEach((key, value) -> defaults.put("kafka." + key, value));
      return defaults;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
