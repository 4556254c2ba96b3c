package dev.tenantwave.gate;

import dev.tenantwave.service.health.ServiceWithoutDatabaseHealthContract;
import dev.tenantwave.testsupport.TestInfra;
import java.util.Map;

/**
 * The gate's state is in Kafka Streams: it has no database, and PostgreSQL being down is none of its business. Its
 * topics exist first: a gate is healthy only once it holds partitions of them.
 */
class GateEvaluatorHealthIT extends ServiceWithoutDatabaseHealthContract {

  @Override
  protected Map<String, Object> settings(String kafkaBootstrap) {
    if (kafkaBootstrap.equals(TestInfra.get().kafkaBootstrap())) {
      TestInfra.get().createTopics();
    }
    Map<String, Object> settings = super.settings(kafkaBootstrap);
    settings.put("tenantwave.gate.application-id", TestInfra.uniqueId("tw_gate_health"));
    return settings;
  }
}
