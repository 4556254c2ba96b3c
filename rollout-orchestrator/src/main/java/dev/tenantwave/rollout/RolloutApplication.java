package dev.tenantwave.rollout;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "Tenantwave rollout orchestrator", version = "v1"))
public final class RolloutApplication {

  private RolloutApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(RolloutApplication.class).banner(false).start();
  }
}
