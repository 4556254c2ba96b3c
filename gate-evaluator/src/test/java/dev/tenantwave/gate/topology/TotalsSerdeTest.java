package dev.tenantwave.gate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.tenantwave.events.TenantRequestMetrics;
import dev.tenantwave.gate.judging.LatencySketches;
import org.junit.jupiter.api.Test;

class TotalsSerdeTest {

  @Test
  void shouldReadBackWhatItWrote() {
    DDSketch latency = LatencySketches.newSketch(0.01);
    latency.accept(12.5, 40);
    latency.accept(480.0, 3);
    latency.accept(0.0, 2);
    TenantRequestMetrics totals = GateEvents.metrics("acme-eu", "v2.3.1", 1_700_000_000_000L, 45, 2, 1, latency);

    TenantRequestMetrics read = TotalsSerde.read(TotalsSerde.write(totals));

    assertThat(read).isEqualTo(totals);
  }
}
