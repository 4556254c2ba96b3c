package dev.tenantwave.gate;

import dev.tenantwave.service.security.OpenApiSecurityContract;

class OpenApiSecurityTest extends OpenApiSecurityContract {

  @Override
  protected String openApiResource() {
    return "META-INF/swagger/tenantwave-gate-evaluator-v1.yml";
  }
}
