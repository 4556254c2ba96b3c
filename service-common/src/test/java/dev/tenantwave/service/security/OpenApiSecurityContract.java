package dev.tenantwave.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every service's OpenAPI document declares both ways in (HTTP Basic and JWT bearer tokens) and requires one of
 * them globally; a service's test extends this and names its document.
 */
public abstract class OpenApiSecurityContract {

  /** The generated document on the classpath, e.g. {@code META-INF/swagger/tenantwave-catalog-service-v1.yml}. */
  protected abstract String openApiResource();

  @Test
  @SuppressWarnings("unchecked")
  void shouldDeclareHttpBasicAndBearerTokens() throws IOException {
    Map<String, Object> document;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(openApiResource())) {
      assertThat(in).as(openApiResource()).isNotNull();
      document = new Yaml().load(in);
    }
    Map<String, Map<String, Object>> schemes = (Map<String, Map<String, Object>>)
        ((Map<String, Object>) document.get("components")).get("securitySchemes");
    assertThat(schemes.get("basicAuth")).containsEntry("type", "http").containsEntry("scheme", "basic");
    assertThat(schemes.get("bearerAuth")).containsEntry("type", "http").containsEntry("scheme", "bearer")
        .containsEntry("bearerFormat", "JWT");
    assertThat((List<Map<String, Object>>) document.get("security")).extracting(requirement -> requirement.keySet())
        .containsExactlyInAnyOrder(java.util.Set.of("basicAuth"), java.util.Set.of("bearerAuth"));
  }
}
