package dev.tenantwave.migration;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "Tenantwave migration worker", version = "v1"))
public final class MigrationWorkerApplication {

  private MigrationWorkerApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(MigrationWorkerApplication.class).banner(false).start();
  }
}
