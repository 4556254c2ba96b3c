package dev.tenantwave.catalog;

import dev.tenantwave.service.security.OpenApiSecurityContract;

class OpenApiSecurityTest extends OpenApiSecurityContract {

  @Override
  protected String openApiResource() {
    return "META-INF/swagger/tenantwave-catalog-service-v1.yml";
  }
}
