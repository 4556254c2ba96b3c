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
    TenantSlot slot = directory.findOrAdd(acme, this::slot);

    assertThat(directory.find(acme)).isSameAs(slot);
    assertThat(directory.find(new String("acme"))).isSameAs(slot);
    assertThat(directory.findOrAdd(new String("acme"), this::slot)).isSameAs(slot);
    assertThat(directory.find("globex")).isNull();
    assertThat(directory.size()).isEqualTo(1);
  }

  @Test
  void shouldAddNothingWhenTheSlotIsRefused() {
    assertThat(directory.findOrAdd("acme", id -> null)).isNull();
    assertThat(directory.find("acme")).isNull();
    assertThat(directory.size()).isZero();
  }

  @Test
  void shouldKeepEveryTenantThroughGrowthRemovalsAndRebuilds() {
    Map<String, TenantSlot> expected = new HashMap<>();
    List<String> ids = new ArrayList<>();
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      if (!ids.isEmpty() && random.nextInt(3) == 0) {
        String gone = ids.remove(random.nextInt(ids.size()));
        assertThat(directory.remove(expected.remove(gone))).isTrue();
        assertThat(directory.find(gone)).isNull();
      } else {
        String id = "tenant-" + random.nextInt(1_000_000);
        TenantSlot slot = directory.findOrAdd(id, this::slot);
        if (expected.putIfAbsent(id, slot) == null) {
          ids.add(id);
        }
      }
    }
    assertThat(directory.size()).isEqualTo(expected.size());
    expected.forEach((id, slot) -> assertThat(directory.find(new String(id))).isSameAs(slot));
    List<TenantSlot> all = new ArrayList<>();
    directory.forEach(all::add);
    assertThat(all).containsExactlyInAnyOrderElementsOf(expected.values());
  }

  @Test
  void shouldNotMistakeATenantNamedLikeTheTombstoneForARemovedOne() {
    TenantSlot slot = directory.findOrAdd("(removed)", this::slot);
    directory.remove(slot);
    assertThat(directory.find("(removed)")).isNull();
    TenantSlot again = directory.findOrAdd("(removed)", this::slot);
    assertThat(directory.find("(removed)")).isSameAs(again);
  }

  private TenantSlot slot(String tenantId) {
    return new TenantSlot(tenantId, null, 8, 64);
  }
}
