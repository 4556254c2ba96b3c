package dev.tenantwave.migration;

import dev.tenantwave.service.health.ServiceHealthContract;
import dev.tenantwave.testsupport.TestInfra;

class MigrationWorkerHealthIT extends ServiceHealthContract {

  @Override
  protected String databaseName() {
    return TestInfra.uniqueId("tw_migration");
  }

  @Override
  protected String[] serviceHealthComponents() {
    return new String[] {"\"catalogView\"", "\"waitingForRegistry\"", "\"migrationCommands\"", "\"assignedPartitions\""};
  }
}
