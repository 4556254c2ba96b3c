package dev.tenantwave.cli.release;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Tenants counted by status, as a bar of how many passed and the rest in the order a tenant goes through them. */
final class Progress {

  static final List<String> LIFECYCLE = List.of("WAITING", "WINDOW_WAIT", "EXPANDING", "MIGRATING", "BAKING", "HELD",
      "PASSED", "FAILED", "ROLLING_BACK", "ROLLED_BACK", "ISOLATED", "CONTRACTING", "CONTRACTED");

  /** Past the gate: contracting and contracted tenants passed first. */
  static final Set<String> PASSED = Set.of("PASSED", "CONTRACTING", "CONTRACTED");

  private static final int BAR_WIDTH = 10;

  private Progress() {}

  /** {@code [#####.....] 12/25 passed}: rounded, but full only when every tenant passed. */
  static String bar(Map<String, Long> counts) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    long passed = counts.entrySet().stream().filter(e -> PASSED.contains(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
    int filled = total == 0 ? 0 : passed == total ? BAR_WIDTH
        : (int) Math.min(BAR_WIDTH - 1, Math.round((double) passed * BAR_WIDTH / total));
    return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + passed + "/" + total + " passed";
  }

  /** {@code WAITING 6, BAKING 3, FAILED 2}: the statuses that are not passed, in lifecycle order. */
  static String notPassed(Map<String, Long> counts) {
    return counts.entrySet().stream().filter(e -> !PASSED.contains(e.getKey()) && e.getValue() > 0)
        .sorted(Comparator.comparing((Map.Entry<String, Long> e) -> lifecycleIndex(e.getKey()))
            .thenComparing(Map.Entry::getKey))
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  /** A gate's measure, to four significant digits, without trailing zeros; {@code -} when absent. */
  static String number(Double value) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      return value == null ? "-" : value.toString();
    }
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  private static int lifecycleIndex(String status) {
    int index = LIFECYCLE.indexOf(status);
    return index < 0 ? LIFECYCLE.size() : index;
  }
}
