package dev.tenantwave.gate;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "Tenantwave gate evaluator", version = "v1"))
public final class GateEvaluatorApplication {

  private GateEvaluatorApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(GateEvaluatorApplication.class).banner(false).start();
  }
}
