package dev.tenantwave.gate;

import dev.tenantwave.service.health.ServiceHealthContract;
import dev.tenantwave.testsupport.TestInfra;

class GateEvaluatorHealthIT extends ServiceHealthContract {

  @Override
  protected String databaseName() {
    return TestInfra.uniqueId("tw_gate");
  }
}
