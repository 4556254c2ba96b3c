package dev.tenantwave.service.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.Map;

/**
 * How a service's Kafka input shows in {@code /health}: UP with the partitions it holds, or with none when its group
 * gave it none (more members than partitions); DOWN while it holds no partition yet (starting, or its group
 * rebalancing) and once its consumer stopped. The worker's commands and the orchestrator's inputs report this way.
 */
public final class InputPartitions {

  private InputPartitions() {}

  /**
   * @param groupAnswered whether the group's last rebalance has ended for this instance, so that holding no
   *     partition means the group has more members than partitions rather than "not yet"
   */
  public static HealthResult health(String name, boolean consumerRunning, int partitions, boolean groupAnswered) {
    HealthStatus status;
    String assignment;
    if (!consumerRunning) {
      status = HealthStatus.DOWN;
      assignment = "its consumer stopped";
    } else if (partitions > 0) {
      status = HealthStatus.UP;
      assignment = "holds " + partitions + " partition(s)";
    } else if (groupAnswered) {
      status = HealthStatus.UP;
      assignment = "holds no partition: its group has more members than partitions";
    } else {
      status = HealthStatus.DOWN;
      assignment = "holds no partition yet";
    }
    return HealthResult.builder(name, status)
        .details(Map.of("assignedPartitions", partitions, "assignment", assignment)).build();
  }
}
