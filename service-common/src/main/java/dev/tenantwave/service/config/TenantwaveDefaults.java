package dev.tenantwave.service.config;

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
      return new YamlPropertySourceLoader().read(RESOURCE, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
