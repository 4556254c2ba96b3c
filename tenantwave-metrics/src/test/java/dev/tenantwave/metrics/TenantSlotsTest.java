package dev.tenantwave.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TenantSlotsTest {

  @Test
  void shouldCountEveryIndexInItsOwnBinWhateverTheOrder() {
    TenantSlots totals = slot(8, 4096);
    TreeMap<Integer, Integer> expected = new TreeMap<>();
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      int index = random.nextInt(1200) - 350;
      add(totals, index);
      expected.merge(index, 1, Integer::sum);
    }
    assertThat(take(totals)).isEqualTo(expected);
  }

  @Test
  void shouldKeepItsArrayForTheNextIntervalOnceItFitsTheSpread() {
    TenantSlots totals = slot(16, 512);
    for (int index = 100; index < 200; index++) {
      add(totals, index);
    }
    int capacity = totals.capacity(0);
    assertThat(take(totals)).hasSize(100);
    assertThat(totals.take(0, 0)).as("emptied").isNull();
    for (int index = 150; index < 250; index++) { // the spread moved: shifted, not grown
      add(totals, index);
    }
    assertThat(totals.capacity(0)).isEqualTo(capacity);
    assertThat(take(totals)).hasSize(100).containsEntry(150, 1).containsEntry(249, 1);
  }

  @Test
  void shouldFoldTheFastestLatenciesIntoTheLowestKeptBinBeyondTheCap() {
    TenantSlots totals = slot(4, 16);
    for (int index = 0; index < 16; index++) {
      add(totals, index);
    }
    // Given 16 bins 0..15, when 20 arrives, bins 0..4 fold into 5
    add(totals, 20);
    // and a latency far below the kept range lands in its lowest bin
    add(totals, -300);

    TreeMap<Integer, Integer> bins = take(totals);
    assertThat(bins.firstKey()).isEqualTo(5);
    assertThat(bins.get(5)).isEqualTo(7);
    assertThat(bins.lastKey()).isEqualTo(20);
    assertThat(bins.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(18);
    assertThat(totals.capacity(0)).isLessThanOrEqualTo(16);
  }

  @Test
  void shouldKeepEveryCountAndAtMostMaxBinsWhateverComes() {
    Random random = new Random(7);
    for (int run = 0; run < 200; run++) {
      TenantSlots totals = slot(1 + random.nextInt(64), 16 + random.nextInt(100));
      for (int interval = 0; interval < 3; interval++) {
        int highest = Integer.MIN_VALUE;
        int added = 1 + random.nextInt(300);
        for (int i = 0; i < added; i++) {
          int index = random.nextInt(1260) - 346;
          add(totals, index);
          highest = Math.max(highest, index);
        }
        TreeMap<Integer, Integer> bins = take(totals);
        assertThat(bins.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(added);
        assertThat(bins.lastKey()).as("the slowest latency keeps its bin").isEqualTo(highest);
        assertThat(bins.lastKey() - bins.firstKey()).isLessThan(totals.capacity(0));
      }
    }
  }

  @Test
  void shouldCountStatusesTimeoutsAndLatenciesBelowOneMicrosecond() {
    TenantSlots totals = slot(8, 64);
    totals.addTo(0, 0, 200, 10, false);
    totals.addTo(0, 0, 404, 10, false);
    totals.addTo(0, 0, 503, 11, false);
    totals.addTo(0, 0, 504, 11, true);
    totals.addTo(0, 0, 0, IntervalAggregator.ZERO_BIN, false);

    TenantCounts counts = totals.take(0, 0);
    assertThat(counts.requests()).isEqualTo(5);
    assertThat(counts.status4xx()).isEqualTo(1);
    assertThat(counts.status5xx()).isEqualTo(1);
    assertThat(counts.timeouts()).isEqualTo(1);
    assertThat(counts.zeroCount()).isEqualTo(1);
    assertThat(counts.indexes()).containsExactly(10, 11);
    assertThat(counts.counts()).containsExactly(2, 2);
  }

  @Test
  void shouldKeepTheOtherHalfAsItIsWhenOneHalfGrowsOrMoves() {
    TenantSlots slot = slot(8, 512);
    // Given the closed half holding 3 latencies around bin 100
    slot.addTo(0, 1, 200, 99, false);
    slot.addTo(0, 1, 503, 100, false);
    slot.addTo(0, 1, 200, 101, false);
    // When the open half spreads far and wide (grown, then moved)
    for (int index = -300; index <= 100; index += 7) {
      slot.addTo(0, 0, 200, index, false);
    }
    for (int index = 200; index <= 400; index += 3) {
      slot.addTo(0, 0, 200, index, false);
    }
    // Then the closed half is intact
    TenantCounts closed = slot.take(0, 1);
    assertThat(closed.requests()).isEqualTo(3);
    assertThat(closed.status5xx()).isEqualTo(1);
    assertThat(closed.indexes()).containsExactly(99, 100, 101);
    assertThat(closed.counts()).containsExactly(1, 1, 1);
    assertThat(slot.take(0, 0).requests()).isEqualTo(58 + 67);
  }

  @Test
  void shouldRefuseARequestForAnotherTenantAndGiveAnIdleSlotBack() {
    TenantSlots slots = new TenantSlots(2, 8, 64);
    int acme = slots.assign("acme");
    assertThat(slots.add(acme, new String("acme"), 200, 10, false)).isTrue();
    assertThat(slots.add(acme, "globex", 200, 10, false)).as("not its slot").isFalse();

    // Given acme's request taken, when it has had none for two intervals
    assertThat(slots.takeClosed(acme, slots.flip()).requests()).isEqualTo(1);
    assertThat(slots.retireIfIdle(acme, 2)).isNull();
    assertThat(slots.takeClosed(acme, slots.flip())).isNull();
    assertThat(slots.takeClosed(acme, slots.flip())).isNull();
    // then it is retired, its request still counted, and its slot goes to the next tenant
    assertThat(slots.retireIfIdle(acme, 2)).isEqualTo("acme");
    assertThat(slots.add(acme, "acme", 200, 10, false)).isFalse();
    assertThat(slots.assign("globex")).isEqualTo(acme);
    assertThat(slots.add(acme, "globex", 200, 10, false)).isTrue();
    assertThat(slots.recorded()).isEqualTo(2);
    assertThat(slots.assign("initech")).isEqualTo(1);
    assertThat(slots.assign("umbrella")).as("both slots held").isEqualTo(-1);
  }

  private static TenantSlots slot(int initialBins, int maxBins) {
    TenantSlots slots = new TenantSlots(1, initialBins, maxBins);
    assertThat(slots.assign("t")).isZero();
    return slots;
  }

  private static void add(TenantSlots totals, int index) {
    totals.addTo(0, 0, 200, index, false);
  }

  private static TreeMap<Integer, Integer> take(TenantSlots totals) {
    TenantCounts counts = totals.take(0, 0);
    TreeMap<Integer, Integer> map = new TreeMap<>();
    for (int k = 0; k < counts.indexes().length; k++) {
      assertThat(map.put(counts.indexes()[k], counts.counts()[k])).isNull();
    }
    assertThat(map.keySet()).as("ascending").containsExactly(
        Arrays.stream(counts.indexes()).boxed().toArray(Integer[]::new));
    return map;
  }
}
