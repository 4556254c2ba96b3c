package dev.tenantwave.cli.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantwave.cli.release.ReleaseDocuments.ReleaseSummary;
import dev.tenantwave.cli.release.ReleaseDocuments.TenantPage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingTextTest {

  @Test
  void shouldListReleasesOneLineEachWithTheirProgress() {
    List<String> view = ReleaseListText.of(List.of(Fixtures.read("releases.json", ReleaseSummary[].class)))
        .lines().toList();

    assertThat(view).hasSize(3);
    assertThat(view.get(0).split("\\s{2,}")).containsExactly("RELEASE", "VERSION", "STATE", "PROGRESS", "REGIONS",
        "CREATED", "OTHER TENANTS");
    assertThat(view.get(1).split("\\s{2,}")).containsExactly("r-2024-05-crm", "2.4.0", "RUNNING",
        "[#####.....] 18/33 passed", "eu-west,us-east", "2024-05-01T09:00:00Z by ann",
        "WAITING 9, MIGRATING 2, BAKING 3, FAILED 1");
    assertThat(view.get(2).split("\\s{2,}")).containsExactly("r-2024-04-crm", "2.3.1", "COMPLETED",
        "[##########] 30/30 passed", "eu-west", "2024-04-02T09:00:00Z by bob");
  }

  @Test
  void shouldSaySoWhenThereIsNoRelease() {
    assertThat(ReleaseListText.of(List.of())).isEqualTo("no releases\n");
  }

  @Test
  void shouldListTenantsWithWhatTheyAwaitOrWhyTheyFailed() {
    List<String> view = TenantText.of(Fixtures.read("tenants.json", TenantPage.class)).lines().toList();

    assertThat(view).hasSize(5);
    assertThat(view.get(1).split("\\s{2,}")).containsExactly("acme", "eu-west", "1", "1", "STANDARD", "POOLED",
        "FAILED", "1", "new", "GATE error-rate-5xx observed 0.081, threshold 0.05, baseline 0.004: 5xx rate 8.1% over"
            + " 412 requests, above 5%");
    assertThat(view.get(2).split("\\s{2,}")).containsExactly("globex", "eu-west", "1", "1", "ENTERPRISE", "SILO",
        "MIGRATING", "2", "new", "awaiting MIGRATE");
    assertThat(view.get(3).split("\\s{2,}")).containsExactly("initech", "eu-west", "1", "1", "STANDARD", "POOLED",
        "WAITING", "0", "previous");
    assertThat(view.get(4)).isEqualTo("3 tenants");
  }

  @Test
  void shouldSayWhenNoTenantMatchesTheFilter() {
    assertThat(TenantText.of(new TenantPage(List.of(), 0))).isEqualTo("no tenant matches\n");
  }
}
