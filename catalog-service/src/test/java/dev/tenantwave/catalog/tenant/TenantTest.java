package dev.tenantwave.catalog.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantwave.catalog.residency.Residence;
import dev.tenantwave.service.placement.Placement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantTest {

  private static Tenant requested() {
    return new Tenant("acme-eu", "Acme", "SMB", "GENERAL", "eu-west", null, "eu-west-1", "SCHEMA", "pg-eu-west-a",
        "crm", "t_acme_eu", Map.of("new-pipeline", true), List.of(new Tenant.Integration("salesforce-sync", "v2")),
        List.of(new Tenant.MaintenanceWindow(List.of("SAT"), "02:00", "06:00", "Europe/Berlin")), "team-dach", null,
        null);
  }

  @Test
  void shouldBeActiveAtItsVersionInItsRegionsJurisdictionOnceCommitted() {
    Tenant committed = requested().committed(3, "EU");

    assertThat(committed.version()).isEqualTo(3L);
    assertThat(committed.jurisdiction()).isEqualTo("EU");
    assertThat(committed.status()).isEqualTo("ACTIVE");
    assertThat(committed).usingRecursiveComparison().ignoringFields("version", "jurisdiction", "status")
        .isEqualTo(requested());
  }

  @Test
  void shouldKeepAStatusItWasGivenWhenCommitted() {
    Tenant suspended = new Tenant("acme-eu", "Acme", "SMB", "GENERAL", "eu-west", null, "eu-west-1", "POOLED",
        "pg-eu-west-a", "crm", null, null, null, null, "team-dach", "SUSPENDED", null);

    assertThat(suspended.committed(1, "EU").status()).isEqualTo("SUSPENDED");
  }

  @Test
  void shouldForgetItsJurisdictionWhenPlacedElsewhereAndKeepTheRest() {
    Tenant moved = requested().committed(2, "EU").placedAt("us-east", "us-east-1", "pg-us-east-a", "crm_us", null);

    assertThat(moved.jurisdiction()).as("derived from the new region when committed").isNull();
    assertThat(moved.residence()).isEqualTo(new Residence("acme-eu", "us-east", "us-east-1", "pg-us-east-a",
        "SCHEMA", null));
    assertThat(moved.placement()).isEqualTo(new Placement("acme-eu", "SCHEMA", "pg-us-east-a", "crm_us", null));
    assertThat(moved.version()).isEqualTo(2L);
    assertThat(moved.owner()).isEqualTo("team-dach");
  }

  @Test
  void shouldNotChangeWhenTheCollectionsItWasMadeFromDo() {
    Map<String, Boolean> flags = new HashMap<>(Map.of("beta", true));
    List<String> days = new ArrayList<>(List.of("SAT"));
    Tenant tenant = new Tenant("acme-eu", "Acme", "SMB", "GENERAL", "eu-west", null, "eu-west-1", "POOLED",
        "pg-eu-west-a", "crm", null, flags, null,
        List.of(new Tenant.MaintenanceWindow(days, "02:00", "06:00", "UTC")), "team-dach", null, null);

    flags.put("beta", false);
    days.add("SUN");

    assertThat(tenant.flags()).containsExactly(Map.entry("beta", true));
    assertThat(tenant.maintenanceWindows().get(0).days()).containsExactly("SAT");
    assertThatThrownBy(() -> tenant.flags().put("gamma", true)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldKeepAMissingListEntrySoThatTheValidatorCanNameIt() {
    Tenant tenant = new Tenant("acme-eu", "Acme", "SMB", "GENERAL", "eu-west", null, "eu-west-1", "POOLED",
        "pg-eu-west-a", "crm", null, null, Arrays.asList(new Tenant.Integration("crm", "v1"), null), null,
        "team-dach", null, null);

    assertThat(tenant.flags()).isEmpty();
    assertThat(tenant.maintenanceWindows()).isEmpty();
    assertThat(TenantValidator.validate(tenant)).singleElement()
        .satisfies(violation -> assertThat(violation.field()).isEqualTo("integrations[1]"));
  }
}
