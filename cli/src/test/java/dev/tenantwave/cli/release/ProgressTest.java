package dev.tenantwave.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void shouldFillTheBarOnlyWhenEveryTenantPassed() {
    assertThat(Progress.bar(Map.of("PASSED", 12L, "BAKING", 13L))).isEqualTo("[#####.....] 12/25 passed");
    assertThat(Progress.bar(Map.of("PASSED", 24L, "FAILED", 1L))).isEqualTo("[#########.] 24/25 passed");
    assertThat(Progress.bar(Map.of("PASSED", 25L))).isEqualTo("[##########] 25/25 passed");
    assertThat(Progress.bar(Map.of("PASSED", 1L, "WAITING", 99L))).isEqualTo("[..........] 1/100 passed");
    assertThat(Progress.bar(Map.of())).isEqualTo("[..........] 0/0 passed");
  }

  @Test
  void shouldCountContractingAndContractedTenantsAsPassed() {
    assertThat(Progress.bar(Map.of("CONTRACTED", 3L, "CONTRACTING", 1L, "ROLLED_BACK", 1L)))
        .isEqualTo("[########..] 4/5 passed");
    assertThat(Progress.notPassed(Map.of("CONTRACTED", 3L, "CONTRACTING", 1L, "ROLLED_BACK", 1L)))
        .isEqualTo("ROLLED_BACK 1");
  }

  @Test
  void shouldListTheOtherStatusesInLifecycleOrderAndUnknownOnesLast() {
    assertThat(Progress.notPassed(Map.of("ISOLATED", 1L, "WAITING", 4L, "HELD", 2L, "SOMETHING_NEW", 1L,
        "WINDOW_WAIT", 1L, "PASSED", 9L, "EXPANDING", 0L)))
        .isEqualTo("WAITING 4, WINDOW_WAIT 1, HELD 2, ISOLATED 1, SOMETHING_NEW 1");
  }

  @Test
  void shouldPrintGateMeasuresToFourSignificantDigits() {
    assertThat(Progress.number(0.081)).isEqualTo("0.081");
    assertThat(Progress.number(5.0)).isEqualTo("5");
    assertThat(Progress.number(123.456789)).isEqualTo("123.5");
    assertThat(Progress.number(1500.0)).isEqualTo("1500");
    assertThat(Progress.number(null)).isEqualTo("-");
  }
}
