package dev.tenantwave.catalog;

import dev.tenantwave.service.health.ServiceHealthContract;
import dev.tenantwave.testsupport.TestInfra;

class CatalogServiceHealthIT extends ServiceHealthContract {

  @Override
  protected String databaseName() {
    return TestInfra.uniqueId("tw_catalog");
  }

  @Override
  protected String databaseBackedPath() {
    return "/api/v1/tenants";
  }
}
