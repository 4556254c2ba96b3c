package dev.tenantwave.catalog.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantDocumentTest {

  @Test
  void shouldShowATenantWithEveryFieldItHolds() {
    TenantDocument document = new TenantDocument("acme-eu", "Acme", "SMB", "GENERAL", "eu-west", "EU", "eu-west-1",
        "SCHEMA", "pg-eu-west-a", "crm", "t_acme_eu", Map.of("new-pipeline", true),
        List.of(new TenantDocument.Integration("salesforce-sync", "v2")),
        List.of(new TenantDocument.MaintenanceWindow(List.of("SAT", "SUN"), "02:00", "06:00", "Europe/Berlin")),
        "team-dach", "SUSPENDED", 7L);

    assertThat(TenantDocument.of(document.toTenant())).isEqualTo(document);
  }

  @Test
  void shouldHandTheServiceAWrongValueAsItCame() {
    TenantDocument document = new TenantDocument(null, "Acme", "GOLD", "GENERAL", "eu-west", "MARS", "eu-west-1",
        "POOLED", "pg-eu-west-a", "crm", null, null, null, null, "team-dach", null, null);

    Tenant tenant = document.toTenant();

    assertThat(tenant.tier()).isEqualTo("GOLD");
    assertThat(tenant.jurisdiction()).as("a declared jurisdiction is checked against the region").isEqualTo("MARS");
    assertThat(tenant.id()).as("PUT takes the id from the path").isNull();
    assertThat(TenantValidator.validate(tenant)).extracting(violation -> violation.field())
        .containsExactly("id", "tier");
  }
}
