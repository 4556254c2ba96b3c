package dev.tenantwave.rollout;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "Tenantwave rollout orchestrator", version = "v1"),
    security = {@SecurityRequirement(name = "basicAuth"), @SecurityRequirement(name = "bearerAuth")})
@SecurityScheme(name = "basicAuth", type = SecuritySchemeType.HTTP, scheme = "basic",
    description = "Users of TW_USERS (local use); see docs/security.md")
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
    description = "A JWT signed by a key of the JWKS at TW_JWT_JWKS_URL; roles from the claim TW_JWT_ROLES_CLAIM")
public final class RolloutApplication {

  private RolloutApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(RolloutApplication.class).banner(false).start();
  }
}
