package dev.tenantwave.catalog;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "Tenantwave catalog service", version = "v1"))
public final class CatalogApplication {

  private CatalogApplication() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(CatalogApplication.class).banner(false).start();
  }
}
