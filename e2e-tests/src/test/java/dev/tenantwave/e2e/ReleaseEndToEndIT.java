package dev.tenantwave.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantwave.demo.fleet.CatalogSetup;
import dev.tenantwave.demo.fleet.Fleet;
import dev.tenantwave.demo.release.ReleaseTopics;
import dev.tenantwave.demo.rest.Api;
import dev.tenantwave.demo.rest.Users;
import dev.tenantwave.e2e.Tenantwave.Service;
import dev.tenantwave.events.CohortPromotionRequested;
import dev.tenantwave.events.TenantReleaseState;
import dev.tenantwave.events.TenantRolloutState;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.ChildProcess;
import dev.tenantwave.testsupport.CrmDatabases;
import dev.tenantwave.testsupport.TestInfra;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A release through the real four services, each started from its jar as a separate process, on real Kafka,
 * registry and PostgreSQL. The test only does what people and applications outside do: it sets up the topology and
 * imports the tenants through the catalog's REST API, seeds the tenants' CRM data, publishes the product's request
 * metrics (one tenant turns bad on the new version), and drives the release through the orchestrator's REST API and
 * the {@code tw} CLI. It checks the outcome where it is visible: the release documents, the topics, and each
 * tenant's own database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseEndToEndIT {

  private static final int TENANTS = Integer.getInteger("tw.e2e.tenants", 30);
  private static final int DEALS = 200;
  private static final String PREVIOUS = "2.3.1";
  private static final String NEW = "2.4.0";
  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(120 + 2L * TENANTS);

  private static final TestInfra INFRA = TestInfra.get();
  private static final EventSerdes SERDES = EventSerdes.forRegistry(INFRA.registryUrl());
  private static final CrmDatabases CRM = new CrmDatabases(INFRA.postgres());
  private static final TenantData DATA = new TenantData(CRM);
  private static final Build BUILD = Build.current();
  private static final Users USERS = Users.random();
  private static final String RUN = TestInfra.uniqueId("e2e");
  private static final Fleet FLEET = Fleet.of(RUN, TENANTS);
  private static final String RELEASE = "r-" + RUN.replace('_', '-') + "-crm-" + NEW;

  @RegisterExtension
  static final ServiceLogsOnFailure LOGS = new ServiceLogsOnFailure();

  private static Tenantwave tenantwave;
  private static ReleaseTopics topics;
  private static SyntheticTraffic traffic;

  @BeforeAll
  static void startTenantwaveWithTheFleet() {
    long started = System.nanoTime();
    INFRA.createTopics();
    tenantwave = Tenantwave.launch(INFRA, BUILD, USERS, Fleet.REGIONS,
        Fleet.REGIONS.stream().map(Fleet::clusterOf).toList());
    LOGS.watch(() -> tenantwave.logTails(40));
    FLEET.seed(CRM, DEALS);
    tenantwave.awaitHealthy(Duration.ofMinutes(3));
    topics = new ReleaseTopics(INFRA.kafkaBootstrap(), SERDES, RELEASE);
    traffic = new SyntheticTraffic(INFRA, SERDES, FLEET.tenants().stream().map(Fleet.Tenant::id).toList(),
        tenant -> topics.versionOf(tenant, PREVIOUS), FLEET.bad().id(), NEW);
    System.out.printf("e2e: %d tenants seeded and the four services healthy after %.1f s%n", TENANTS,
        (System.nanoTime() - started) / 1e9);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (traffic != null) {
      traffic.close();
    }
    if (topics != null) {
      topics.close();
    }
    if (tenantwave != null) {
      tenantwave.close();
    }
  }

  @Test
  @Order(1)
  void shouldRollBackTheBadTenantAloneAndCompleteTheReleaseForEveryoneElse() {
    long started = System.nanoTime();
    // Given the regions, cells and clusters, and the fleet imported into the catalog
    CatalogSetup.topology(catalog(), USERS, INFRA.postgres(), Fleet.REGIONS);
    CatalogSetup.importFleet(catalog(), USERS, FLEET);
    CatalogSetup.awaitPlanned(rollout(), USERS, plan(), TENANTS);

    // When an operator creates and starts the release
    rollout().post("/api/v1/releases", plan(), "application/yaml", USERS.operator()).expect(201, "create");
    rollout().postJson(release("/start"), Map.of("reason", "e2e: release " + NEW), USERS.operator())
        .expect(200, "start");

    // Then every tenant but the bad one passes, the bad one is rolled back alone, and the release waits for approval
    await("the release to wait for contract approval").atMost(RELEASE_TIMEOUT).pollInterval(Duration.ofSeconds(1))
        .failFast("the release stopped", () -> Set.of("PAUSED", "ABORTED", "FAILED", "ROLLED_BACK", "ROLLING_BACK")
            .contains(detail().path("state").asText()))
        .until(() -> detail().path("state").asText().equals("AWAITING_CONTRACT_APPROVAL"));
    System.out.printf("e2e: release %s awaiting contract approval after %.1f s%n", RELEASE,
        (System.nanoTime() - started) / 1e9);
    JsonNode awaiting = detail();
    assertThat(counts(awaiting.path("tenants"))).isEqualTo(Map.of("PASSED", TENANTS - 1, "ROLLED_BACK", 1));
    assertThat(awaiting.path("failedTenants")).singleElement().satisfies(failed -> {
      assertThat(failed.path("tenantId").asText()).isEqualTo(FLEET.bad().id());
      assertThat(failed.path("failure").path("kind").asText()).isEqualTo("GATE");
      assertThat(failed.path("failure").path("gate").asText()).isEqualTo("error-rate-5xx");
      assertThat(failed.path("failure").path("observed").asDouble()).isEqualTo(0.5);
    });
    await("the bad tenant's last state").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(topics.lastStateOf(FLEET.bad().id())).hasValueSatisfying(last -> {
          assertThat(last.getState()).isEqualTo(TenantRolloutState.ROLLED_BACK);
          assertThat(last.getAppVersion()).isEqualTo(PREVIOUS);
        }));
    await("every other tenant's last state").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(FLEET.healthy()).allSatisfy(t -> assertThat(topics.lastStateOf(t.id())).as(t.id())
            .hasValueSatisfying(last -> {
              assertThat(last.getState()).isEqualTo(TenantRolloutState.PASSED);
              assertThat(last.getAppVersion()).isEqualTo(NEW);
            })));
    assertBadTenantBackToThePreReleaseShape();
    assertTheConsoleChartsAPassedTenantWindowByWindow(FLEET.healthy().get(0).id());

    // When an operator tries to approve the contract, then the admin does
    rollout().postJson(release("/approve-contract"), Map.of("reason", "not mine to approve"), USERS.operator())
        .expect(403, "approval by an operator");
    rollout().postJson(release("/approve-contract"), Map.of("reason", "e2e: every region green"), USERS.admin())
        .expect(200, "approval by the admin");

    // Then the release completes with CONTRACT applied in every passed tenant's database
    await("the release to complete").atMost(RELEASE_TIMEOUT).pollInterval(Duration.ofSeconds(1))
        .until(() -> detail().path("state").asText().equals("COMPLETED"));
    System.out.printf("e2e: release %s completed after %.1f s%n", RELEASE, (System.nanoTime() - started) / 1e9);
    assertEveryPassedTenantContractedExactlyOnce();
    assertBadTenantBackToThePreReleaseShape();

    // And a tenant can no longer be rolled back
    Api.Response refused = rollout().postJson(release("/tenants/" + FLEET.healthy().get(0).id() + "/rollback"),
        Map.of("reason", "too late"), USERS.operator());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body()).contains("point of no return");

    // And no tenant ever appeared in another region's wave, on any topic
    assertResidencyOnTheTopics();
  }

  @Test
  @Order(2)
  void shouldShowTheCompletedReleaseAndRefuseARollbackThroughTheCli() {
    assertThat(detail().path("state").asText()).as("the release of the first test").isEqualTo("COMPLETED");
    Cli cli = new Cli(BUILD);
    String url = rollout().baseUrl();

    ChildProcess.Completed status = cli.run("release", "status", RELEASE, "--url", url,
        "--user", USERS.viewer().credentials());
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.output()).contains("release " + RELEASE + "  COMPLETED  " + PREVIOUS + " -> " + NEW,
        "contract approved by " + USERS.admin().name(), "eu-west", "us-east", "failed tenants", FLEET.bad().id());

    ChildProcess.Completed rollback = cli.run("release", "tenant", "rollback", RELEASE, FLEET.healthy().get(1).id(),
        "--reason", "too late", "--url", url, "--user", USERS.operator().credentials());
    assertThat(rollback.exitCode()).as(rollback.output()).isEqualTo(1);
    assertThat(rollback.output()).contains("point of no return");
  }

  /** In its own database: no trace of the expand, the deals as before, and a history that says rolled back. */
  private static void assertBadTenantBackToThePreReleaseShape() {
    Fleet.Tenant bad = FLEET.bad();
    assertThat(DATA.hasTable(bad, "deal_stages")).as("deal_stages in " + bad.database()).isFalse();
    assertThat(DATA.hasColumn(bad, "deals", "stage_id")).as("deals.stage_id in " + bad.database()).isFalse();
    assertThat(DATA.hasColumn(bad, "deals", "stage")).as("deals.stage in " + bad.database()).isTrue();
    assertThat(DATA.count(bad, "SELECT count(*) FROM deals WHERE tenant_id = :tenant")).isEqualTo(DEALS);
    Map<String, TenantData.PhaseRow> history = DATA.history(bad, CrmDatabases.DEAL_STAGES);
    assertThat(history.keySet()).containsExactlyInAnyOrder("EXPAND", "MIGRATE", "ROLLBACK_MIGRATE",
        "ROLLBACK_EXPAND");
    assertThat(history.get("EXPAND").state()).isEqualTo("ROLLED_BACK");
    assertThat(history.get("MIGRATE").state()).isEqualTo("ROLLED_BACK");
    assertThat(history.get("MIGRATE").attempts()).isEqualTo(1);
    assertThat(history.get("ROLLBACK_MIGRATE").state()).isEqualTo("SUCCEEDED");
    assertThat(history.get("ROLLBACK_EXPAND").state()).isEqualTo("SUCCEEDED");
    assertThat(topics.commandPhasesOf(bad.id()))
        .containsExactly("EXPAND", "MIGRATE", "ROLLBACK_MIGRATE", "ROLLBACK_EXPAND");
  }

  /** Each tenant's history: expanded, migrated once over every deal, contracted; the old column gone. */
  private static void assertEveryPassedTenantContractedExactlyOnce() {
    assertThat(FLEET.healthy()).allSatisfy(tenant -> {
      Map<String, TenantData.PhaseRow> history = DATA.history(tenant, CrmDatabases.DEAL_STAGES);
      assertThat(history.keySet()).as(tenant.id()).containsExactly("EXPAND", "MIGRATE", "CONTRACT");
      assertThat(history.values()).as(tenant.id()).allSatisfy(row -> assertThat(row.state()).isEqualTo("SUCCEEDED"));
      assertThat(history.get("MIGRATE").attempts()).as(tenant.id() + " MIGRATE attempts").isEqualTo(1);
      assertThat(history.get("MIGRATE").rowsDone()).as(tenant.id() + " rows backfilled").isEqualTo(DEALS);
      assertThat(DATA.hasColumn(tenant, "deals", "stage")).as(tenant.id() + ": deals.stage").isFalse();
      assertThat(DATA.count(tenant, "SELECT count(*) FROM deals WHERE tenant_id = :tenant AND stage_id IS NOT NULL"))
          .as(tenant.id() + ": deals with a stage_id").isEqualTo(DEALS);
      assertThat(DATA.count(tenant, "SELECT count(*) FROM deal_stages WHERE tenant_id = :tenant"))
          .as(tenant.id() + ": deal_stages").isEqualTo(CrmDatabases.STAGES);
      assertThat(topics.commandPhasesOf(tenant.id())).as(tenant.id()).containsExactly("EXPAND", "MIGRATE", "CONTRACT");
    });
    FLEET.tenants().stream().filter(Fleet.Tenant::pooled).map(Fleet.Tenant::database).distinct()
        .forEach(database -> assertThat(DATA.sharedHistory(database, CrmDatabases.DEAL_STAGES))
            .as("shared DDL of " + database).containsOnlyKeys("EXPAND", "CONTRACT"));
  }

  /** Every promotion, command and tenant state names tenants of the region whose wave it belongs to only. */
  private static void assertResidencyOnTheTopics() {
    List<CohortPromotionRequested> promotions = topics.promotions();
    Map<String, Set<String>> promotedIn = new HashMap<>();
    assertThat(promotions).isNotEmpty().allSatisfy(p -> assertThat(p.getTenantIds()).as("promotion " + p)
        .allSatisfy(t -> assertThat(FLEET.regionOf(t)).isEqualTo(p.getRegion())));
    promotions.forEach(p -> p.getTenantIds().forEach(t -> promotedIn.computeIfAbsent(t, x -> new HashSet<>())
        .add(p.getRegion())));
    assertThat(promotedIn.keySet()).as("promoted tenants")
        .isEqualTo(FLEET.tenants().stream().map(Fleet.Tenant::id).collect(Collectors.toSet()));
    assertThat(topics.commands()).allSatisfy(c -> assertThat(promotedIn.get(c.getTenantId())).as("command " + c)
        .containsExactly(FLEET.regionOf(c.getTenantId())));
    List<TenantReleaseState> states = topics.states();
    assertThat(states).allSatisfy(s -> assertThat(s.getRegion()).as("state " + s)
        .isEqualTo(FLEET.regionOf(s.getTenantId())));
    Set<String> wavesOfStates = states.stream().map(s -> s.getRegion() + "/" + s.getWave()).collect(Collectors.toSet());
    Set<String> wavesOfPromotions = promotions.stream().map(p -> p.getRegion() + "/" + p.getWave())
        .collect(Collectors.toSet());
    assertThat(wavesOfPromotions).containsAll(wavesOfStates);
  }

  private static String plan() {
    return plan(RELEASE, FLEET);
  }

  /** The release both this test and the fault trials run: internal, then general in 50/100 % steps, 1 s windows. */
  static String plan(String release, Fleet fleet) {
    StringBuilder regions = new StringBuilder();
    for (String region : Fleet.REGIONS) {
      regions.append("""
            - region: %1$s
              waves:
                - {name: internal, cohort: {tracks: [INTERNAL], flags: {%2$s: true}}}
                - {name: general, cohort: {tracks: [GENERAL], flags: {%2$s: true}}, steps: [50, 100]}
          """.formatted(region, fleet.flag()));
    }
    return """
        releaseId: %s
        appVersion: %s
        previousAppVersion: %s
        migrationSet: %s
        regionOrder: PARALLEL
        gates: {windowSeconds: 1, bakeSeconds: 5, minRequests: 20}
        failurePolicy: {maxFailedTenantsPerWave: 1}
        regions:
        """.formatted(release, NEW, PREVIOUS, CrmDatabases.DEAL_STAGES) + regions;
  }

  /**
   * The gate published the tenant's windows on gate.windows.v1 and the orchestrator's console read them, each under its
   * own Kafka principal: 1 % 5xx of 100 requests a second, against a baseline of 1 % on the previous version.
   */
  private static void assertTheConsoleChartsAPassedTenantWindowByWindow(String tenantId) {
    await("the console's windows of " + tenantId).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode windows = rollout().get("/console/api/releases/" + RELEASE + "/tenants/" + tenantId, USERS.viewer())
          .expect(200, "tenant panel").json().path("windows");
      assertThat(windows.size()).as("windows of %s", tenantId).isPositive();
      assertThat(windows).allSatisfy(window -> {
        assertThat(window.path("requests").asLong()).isPositive();
        assertThat(window.path("rate5xx").asDouble()).isEqualTo(0.01);
        assertThat(window.path("baselineRate5xx").asDouble()).isEqualTo(0.01);
        assertThat(window.path("p95Millis").asDouble()).isBetween(20.0, 80.0);
      });
    });
  }

  private static JsonNode detail() {
    return rollout().get(release(""), USERS.viewer()).expect(200, "release detail").json();
  }

  private static Map<String, Integer> counts(JsonNode node) {
    Map<String, Integer> counts = new HashMap<>();
    node.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
    return counts;
  }

  private static String release(String path) {
    return "/api/v1/releases/" + RELEASE + path;
  }

  private static Api catalog() {
    return tenantwave.api(Service.CATALOG);
  }

  private static Api rollout() {
    return tenantwave.api(Service.ROLLOUT);
  }
}
