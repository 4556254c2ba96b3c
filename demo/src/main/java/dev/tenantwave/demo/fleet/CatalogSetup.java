package dev.tenantwave.demo.fleet;

import static org.awaitility.Awaitility.await;

import dev.tenantwave.demo.rest.Api;
import dev.tenantwave.demo.rest.Users;
import dev.tenantwave.testsupport.Postgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an admin and an operator do before a release, through the catalog's REST API: each region of a fleet with its
 * jurisdiction, a cell and a PostgreSQL cluster on the given server; a fleet in one bulk import; then the wait until
 * the orchestrator, which plans from its own view of {@code tenant.catalog.v1}, sees the whole fleet.
 */
public final class CatalogSetup {

  private static final Pattern HOST_PORT = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/.*");

  private CatalogSetup() {}

  /** Creates or updates the regions, cells and clusters (PUT: a second run changes nothing). */
  public static void topology(Api catalog, Users users, Postgres postgres, List<String> regions) {
    Matcher m = HOST_PORT.matcher(postgres.adminJdbcUrl());
    String host = m.matches() ? m.group(1) : "localhost";
    int port = m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 5432;
    for (String region : regions) {
      catalog.putJson("/api/v1/regions/" + region, Map.of("jurisdiction", Fleet.jurisdictionOf(region)),
          users.admin()).expect(200, "region " + region);
      catalog.putJson("/api/v1/cells/" + Fleet.cellOf(region), Map.of("region", region), users.admin())
          .expect(200, "cell of " + region);
      catalog.putJson("/api/v1/clusters/" + Fleet.clusterOf(region), Map.of("region", region,
          "tenancyModels", List.of("POOLED", "SCHEMA", "DATABASE"), "host", host, "port", port),
          users.admin()).expect(200, "cluster of " + region);
    }
  }

  public static void importFleet(Api catalog, Users users, Fleet fleet) {
    catalog.postJson("/api/v1/tenant-imports", Map.of("tenants", fleet.catalogDocuments()), users.operator())
        .expect(200, "tenant import");
  }

  /** Waits until a dry run of {@code plan} holds {@code tenants} tenants. */
  public static void awaitPlanned(Api rollout, Users users, String plan, int tenants) {
    await("the orchestrator's plan to hold the whole fleet").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IllegalStateException.class).until(() -> {
          Api.Response dryRun = rollout.post("/api/v1/releases/dry-run", plan, "application/yaml", users.viewer());
          dryRun.expect(200, "dry run of the plan");
          return dryRun.json().path("tenantCount").asInt() == tenants;
        });
  }
}
