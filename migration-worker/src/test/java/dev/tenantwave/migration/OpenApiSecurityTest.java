package dev.tenantwave.migration;

import dev.tenantwave.service.security.OpenApiSecurityContract;

class OpenApiSecurityTest extends OpenApiSecurityContract {

  @Override
  protected String openApiResource() {
    return "META-INF/swagger/tenantwave-migration-worker-v1.yml";
  }
}
