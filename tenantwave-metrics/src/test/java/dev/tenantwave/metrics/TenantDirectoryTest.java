package dev.tenantwave.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TenantDirectoryTest {

  private final TenantDirectory directory = new TenantDirectory(4);

  @Test
  void shouldFindATenantByAnEqualStringAsWellAsByTheSameOne() {
    String acme = "acme";
    directory.add(acme, 7);

    assertThat(directory.find(acme)).isEqualTo(7);
    assertThat(directory.find(new String("acme"))).isEqualTo(7);
    assertThat(directory.find("globex")).isEqualTo(TenantDirectory.NONE);
    assertThat(directory.size()).isEqualTo(1);
  }

  @Test
  void shouldKeepEveryTenantThroughGrowthRemovalsAndRebuilds() {
    Map<String, Integer> expected = new HashMap<>();
    List<String> ids = new ArrayList<>();
    Random random = new Random(3);
    for (int slot = 0; slot < 20_000; slot++) {
      if (!ids.isEmpty() && random.nextInt(3) == 0) {
        String gone = ids.remove(random.nextInt(ids.size()));
        assertThat(directory.remove(gone, expected.remove(gone))).isTrue();
        assertThat(directory.find(gone)).isEqualTo(TenantDirectory.NONE);
      } else {
        String id = "tenant-" + random.nextInt(1_000_000);
        if (directory.find(id) == TenantDirectory.NONE) {
          directory.add(id, slot);
          expected.put(id, slot);
          ids.add(id);
        }
      }
    }
    assertThat(directory.size()).isEqualTo(expected.size());
    expected.forEach((id, slot) -> assertThat(directory.find(new String(id))).isEqualTo(slot));
  }

  @Test
  void shouldNotMistakeATenantNamedLikeTheTombstoneForARemovedOne() {
    directory.add("(removed)", 1);
    assertThat(directory.remove("(removed)", 1)).isTrue();
    assertThat(directory.find("(removed)")).isEqualTo(TenantDirectory.NONE);
    directory.add("(removed)", 2);
    assertThat(directory.find("(removed)")).isEqualTo(2);
  }
}
