package dev.tenantwave.migration;

import dev.tenantwave.migration.testing.CrmFleet;
import dev.tenantwave.service.health.ServiceHealthContract;
import dev.tenantwave.testsupport.TestInfra;
import java.util.Map;

class MigrationWorkerHealthIT extends ServiceHealthContract {

  @Override
  protected String databaseName() {
    return TestInfra.uniqueId("tw_migration");
  }

  @Override
  protected String[] serviceHealthComponents() {
    return new String[] {"\"catalogView\"", "\"waitingForRegistry\"", "\"migrationCommands\"", "\"assignedPartitions\""};
  }

  /** The worker's tenant cluster has no default login either. */
  @Override
  protected Map<String, Object> settings(String kafkaBootstrap, String jdbcUrl) {
    Map<String, Object> settings = super.settings(kafkaBootstrap, jdbcUrl);
    settings.put("tenantwave.migration.clusters.pg-eu-west-a.username", TestInfra.get().postgres().user());
    settings.put("tenantwave.migration.clusters.pg-eu-west-a.password", TestInfra.get().postgres().password());
    settings.put("tenantwave.migration.clusters.pg-eu-west-a.runtime-password", CrmFleet.runtimePassword());
    return settings;
  }
}
