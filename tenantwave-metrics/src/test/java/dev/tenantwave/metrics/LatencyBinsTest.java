package dev.tenantwave.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LatencyBinsTest {

  @Test
  void shouldCountEveryIndexInItsOwnBinWhateverTheOrder() {
    LatencyBins bins = new LatencyBins(8, 4096);
    TreeMap<Integer, Integer> expected = new TreeMap<>();
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      int index = random.nextInt(1200) - 350;
      bins.add(index);
      expected.merge(index, 1, Integer::sum);
    }
    assertThat(contents(bins)).isEqualTo(expected);
  }

  @Test
  void shouldKeepItsArrayForTheNextIntervalOnceItFitsTheSpread() {
    LatencyBins bins = new LatencyBins(16, 512);
    for (int index = 100; index < 200; index++) {
      bins.add(index);
    }
    int capacity = bins.capacity();
    bins.clear();
    assertThat(bins.isEmpty()).isTrue();
    for (int index = 150; index < 250; index++) { // the spread moved: shifted, not grown
      bins.add(index);
    }
    assertThat(bins.capacity()).isEqualTo(capacity);
    assertThat(contents(bins)).hasSize(100).containsEntry(150, 1).containsEntry(249, 1);
  }

  @Test
  void shouldFoldTheFastestLatenciesIntoTheLowestKeptBinBeyondTheCap() {
    LatencyBins bins = new LatencyBins(4, 16);
    for (int index = 0; index < 16; index++) {
      bins.add(index);
    }
    // Given 16 bins 0..15, when 20 arrives, bins 0..4 fold into 5
    bins.add(20);
    TreeMap<Integer, Integer> contents = contents(bins);
    assertThat(contents.firstEntry()).satisfies(e -> assertThat(e.getKey()).isEqualTo(5))
        .satisfies(e -> assertThat(e.getValue()).isEqualTo(6));
    assertThat(contents.lastKey()).isEqualTo(20);
    assertThat(bins.capacity()).isLessThanOrEqualTo(16);
    // and a latency far below the kept range lands in its lowest bin
    bins.add(-300);
    assertThat(contents(bins).firstEntry().getValue()).isEqualTo(7);
    assertThat(contents(bins).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(18);
  }

  @Test
  void shouldKeepEveryCountAndAtMostMaxBinsWhateverComes() {
    Random random = new Random(7);
    for (int run = 0; run < 200; run++) {
      LatencyBins bins = new LatencyBins(1 + random.nextInt(64), 16 + random.nextInt(100));
      int added = 0;
      int highest = Integer.MIN_VALUE;
      for (int i = 0; i < 500; i++) {
        int index = random.nextInt(1260) - 346;
        bins.add(index);
        added++;
        highest = Math.max(highest, index);
        if (random.nextInt(100) == 0) {
          bins.clear();
          added = 0;
          highest = Integer.MIN_VALUE;
        }
      }
      TreeMap<Integer, Integer> contents = contents(bins);
      assertThat(contents.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(added);
      if (added > 0) {
        assertThat(contents.lastKey()).as("the slowest latency keeps its bin").isEqualTo(highest);
        assertThat(contents.lastKey() - contents.firstKey()).isLessThan(bins.capacity());
      }
    }
  }

  static TreeMap<Integer, Integer> contents(LatencyBins bins) {
    int n = bins.size();
    int[] indexes = new int[n];
    int[] counts = new int[n];
    bins.copyTo(indexes, counts);
    TreeMap<Integer, Integer> map = new TreeMap<>();
    for (int k = 0; k < n; k++) {
      assertThat(map.put(indexes[k], counts[k])).isNull();
    }
    return map;
  }
}
