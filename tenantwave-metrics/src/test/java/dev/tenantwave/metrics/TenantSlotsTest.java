package dev.tenantwave.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TenantSlotsTest {

  /** The slot of tenant "t" in the tables that {@link #slot} makes. */
  private int t;

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
    int capacity = totals.capacity(t);
    assertThat(take(totals)).hasSize(100);
    assertThat(totals.take(t, 0)).as("emptied").isNull();
    for (int index = 150; index < 250; index++) { // the spread moved: shifted, not grown
      add(totals, index);
    }
    assertThat(totals.capacity(t)).isEqualTo(capacity);
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
    assertThat(totals.capacity(t)).isLessThanOrEqualTo(16);
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
        assertThat(bins.lastKey() - bins.firstKey()).isLessThan(totals.capacity(t));
      }
    }
  }

  @Test
  void shouldCountStatusesTimeoutsAndLatenciesBelowOneMicrosecond() {
    TenantSlots totals = slot(8, 64);
    totals.addTo(t, 0, 200, 10, false);
    totals.addTo(t, 0, 404, 10, false);
    totals.addTo(t, 0, 503, 11, false);
    totals.addTo(t, 0, 504, 11, true);
    totals.addTo(t, 0, 0, IntervalAggregator.ZERO_BIN, false);

    TenantCounts counts = totals.take(t, 0);
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
    slot.addTo(t, 1, 200, 99, false);
    slot.addTo(t, 1, 503, 100, false);
    slot.addTo(t, 1, 200, 101, false);
    // When the open half spreads far and wide (grown, then moved)
    for (int index = -300; index <= 100; index += 7) {
      slot.addTo(t, 0, 200, index, false);
    }
    for (int index = 200; index <= 400; index += 3) {
      slot.addTo(t, 0, 200, index, false);
    }
    // Then the closed half is intact
    TenantCounts closed = slot.take(t, 1);
    assertThat(closed.requests()).isEqualTo(3);
    assertThat(closed.status5xx()).isEqualTo(1);
    assertThat(closed.indexes()).containsExactly(99, 100, 101);
    assertThat(closed.counts()).containsExactly(1, 1, 1);
    assertThat(slot.take(t, 0).requests()).isEqualTo(58 + 67);
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
    // then it is retired, its request still counted, and its place goes to the next tenant
    assertThat(slots.retireIfIdle(acme, 2)).isEqualTo("acme");
    assertThat(slots.find("acme")).isEqualTo(TenantSlots.NONE);
    assertThat(slots.add(acme, "acme", 200, 10, false)).isFalse();
    assertThat(slots.size()).isZero();
    int globex = slots.assign("globex");
    assertThat(slots.add(globex, "globex", 200, 10, false)).isTrue();
    assertThat(slots.recorded()).isEqualTo(2);
    assertThat(slots.assign("initech")).isNotNegative();
    assertThat(slots.assign("umbrella")).as("both places held").isEqualTo(TenantSlots.NONE);
    assertThat(slots.find("umbrella")).as("no lock needed to tell").isEqualTo(TenantSlots.FULL);
  }

  @Test
  void shouldFindATenantByAnEqualStringAsWellAsByTheSameOne() {
    TenantSlots slots = new TenantSlots(4, 8, 64);
    String acme = "acme";
    int slot = slots.assign(acme);

    assertThat(slots.find(acme)).isEqualTo(slot);
    assertThat(slots.find(new String("acme"))).isEqualTo(slot);
    assertThat(slots.find("globex")).isEqualTo(TenantSlots.NONE);
    assertThat(slots.size()).isEqualTo(1);
  }

  @Test
  void shouldKeepEveryTenantAndItsCountsThroughRetirementsAndPurges() {
    TenantSlots slots = new TenantSlots(50, 8, 64); // 256 positions, purged past 32 tombstones
    Map<String, Integer> expected = new HashMap<>(); // tenant → requests in its open half (half 0: no flips)
    List<String> ids = new ArrayList<>();
    Random random = new Random(3);
    int moves = 0;
    for (int step = 0; step < 20_000; step++) {
      int draw = random.nextInt(8);
      if (draw == 0 && !ids.isEmpty()) {
        // a tenant's counts are taken, then it gives its place back
        String gone = ids.remove(random.nextInt(ids.size()));
        int slot = slots.find(gone);
        TenantCounts counts = slots.take(slot, 0);
        assertThat(counts == null ? 0 : counts.requests()).as(gone).isEqualTo((long) expected.remove(gone));
        assertThat(slots.retireIfIdle(slot, 0)).isEqualTo(gone);
        assertThat(slots.find(gone)).isEqualTo(TenantSlots.NONE);
      } else if (draw <= 2 && slots.size() < 50) {
        String id = "tenant-" + random.nextInt(1_000_000);
        if (slots.find(id) == TenantSlots.NONE) {
          assertThat(slots.assign(id)).isNotNegative();
          expected.put(id, 0);
          ids.add(id);
        }
      } else if (draw == 3) {
        int[] before = ids.stream().mapToInt(slots::find).toArray();
        slots.purge();
        int[] after = ids.stream().mapToInt(slots::find).toArray();
        moves += Arrays.equals(before, after) ? 0 : 1;
      } else if (!ids.isEmpty()) {
        String id = ids.get(random.nextInt(ids.size()));
        assertThat(slots.add(slots.find(new String(id)), id, 200, 10 + random.nextInt(20), false)).isTrue();
        expected.merge(id, 1, Integer::sum);
      }
    }
    assertThat(moves).as("purges that moved tenants").isPositive();
    assertThat(slots.size()).isEqualTo(expected.size());
    expected.forEach((id, requests) -> {
      TenantCounts counts = slots.take(slots.find(new String(id)), 0);
      assertThat(counts == null ? 0 : counts.requests()).as(id).isEqualTo((long) requests);
    });
  }

  @Test
  void shouldNotMistakeATenantNamedLikeTheTombstoneForARemovedOne() {
    TenantSlots slots = new TenantSlots(4, 8, 64);
    int first = slots.assign("(removed)");
    assertThat(slots.retireIfIdle(first, 0)).isEqualTo("(removed)");
    assertThat(slots.find("(removed)")).isEqualTo(TenantSlots.NONE);
    assertThat(slots.add(first, "(removed)", 200, 10, false)).isFalse();
    int second = slots.assign("(removed)");
    assertThat(slots.find("(removed)")).isEqualTo(second);
  }

  private TenantSlots slot(int initialBins, int maxBins) {
    TenantSlots slots = new TenantSlots(1, initialBins, maxBins);
    t = slots.assign("t");
    assertThat(t).isNotNegative().isLessThan(slots.slotCount());
    return slots;
  }

  private void add(TenantSlots totals, int index) {
    totals.addTo(t, 0, 200, index, false);
  }

  private TreeMap<Integer, Integer> take(TenantSlots totals) {
    TenantCounts counts = totals.take(t, 0);
    TreeMap<Integer, Integer> map = new TreeMap<>();
    for (int k = 0; k < counts.indexes().length; k++) {
      assertThat(map.put(counts.indexes()[k], counts.counts()[k])).isNull();
    }
    assertThat(map.keySet()).as("ascending").containsExactly(
        Arrays.stream(counts.indexes()).boxed().toArray(Integer[]::new));
    return map;
  }
}
