package dev.tenantwave.rollout;

import dev.tenantwave.service.security.OpenApiSecurityContract;

class OpenApiSecurityTest extends OpenApiSecurityContract {

  @Override
  protected String openApiResource() {
    return "META-INF/swagger/tenantwave-rollout-orchestrator-v1.yml";
  }
}
