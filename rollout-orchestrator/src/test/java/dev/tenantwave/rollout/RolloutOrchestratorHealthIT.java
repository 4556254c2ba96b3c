package dev.tenantwave.rollout;

import dev.tenantwave.service.health.ServiceHealthContract;
import dev.tenantwave.testsupport.TestInfra;

class RolloutOrchestratorHealthIT extends ServiceHealthContract {

  @Override
  protected String databaseName() {
    return TestInfra.uniqueId("tw_rollout");
  }

  @Override
  protected String[] serviceHealthComponents() {
    return new String[] {"\"releaseInputs\"", "\"assignedPartitions\""};
  }

  @Override
  protected String databaseBackedPath() {
    return "/api/v1/releases";
  }
}
