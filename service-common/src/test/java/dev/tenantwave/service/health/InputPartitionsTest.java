package dev.tenantwave.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputPartitionsTest {

  @Test
  void shouldBeDownUntilItsGroupHasAnsweredAndNamePartitionsOnceItHolds() {
    assertThat(status(true, 0, false)).isEqualTo(HealthStatus.DOWN);
    assertThat(assignment(true, 0, false)).isEqualTo("holds no partition yet");
    assertThat(status(true, 3, true)).isEqualTo(HealthStatus.UP);
    assertThat(assignment(true, 3, true)).isEqualTo("holds 3 partition(s)");
  }

  @Test
  void shouldBeUpWithoutPartitionsWhenItsGroupGaveItNone() {
    assertThat(status(true, 0, true)).isEqualTo(HealthStatus.UP);
    assertThat(assignment(true, 0, true)).contains("more members than partitions");
  }

  @Test
  void shouldBeDownOnceItsConsumerStopped() {
    assertThat(status(false, 2, true)).isEqualTo(HealthStatus.DOWN);
    assertThat(assignment(false, 2, true)).isEqualTo("its consumer stopped");
  }

  private static HealthStatus status(boolean running, int partitions, boolean answered) {
    return InputPartitions.health("migrationCommands", running, partitions, answered).getStatus();
  }

  private static String assignment(boolean running, int partitions, boolean answered) {
    HealthResult result = InputPartitions.health("migrationCommands", running, partitions, answered);
    return (String) ((Map<?, ?>) result.getDetails()).get("assignment");
  }
}
