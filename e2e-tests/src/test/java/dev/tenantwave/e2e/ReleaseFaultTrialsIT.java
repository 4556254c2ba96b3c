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
import dev.tenantwave.events.MigrationPhase;
import dev.tenantwave.events.TenantMigrationRequested;
import dev.tenantwave.events.TenantRolloutState;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.CrmDatabases;
import dev.tenantwave.testsupport.TestInfra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault trials: the default build runs one short trial per killed service (100 tenants); {@code -Pe2e-faults} runs
 * only these, ten of each over 1,000 tenants (the {@code fault-trials} tag selects them). In each trial a fresh fleet (mostly POOLED, one bad tenant)
 * goes through a release with a migration set, and at a random point of it the orchestrator or the migration worker
 * is killed with SIGKILL and started again on the same database, consumer group and instance id. The release must still reach
 * AWAITING_CONTRACT_APPROVAL with every tenant PASSED but the bad one (ROLLED_BACK), and every tenant's own database
 * must show it migrated exactly once: one MIGRATE over all its deals, under one command, none skipped.
 *
 * <p>The kill point is drawn from the release's own progress, seeded ({@code tw.e2e.faults.seed}, printed): for the
 * orchestrator a number of tenant states it has published, for the worker a number of MIGRATE commands it has been
 * sent.
 */
@Tag("fault-trials")
class ReleaseFaultTrialsIT {

  private static final int TRIALS = Integer.getInteger("tw.e2e.faults.trials", 1);
  private static final int TENANTS = Integer.getInteger("tw.e2e.faults.tenants", 100);
  private static final List<Service> KILLED = Arrays.stream(System.getProperty("tw.e2e.faults.kill",
      "ROLLOUT,MIGRATION").split(",")).map(String::strip).map(Service::valueOf).toList();
  private static final long SEED = Long.getLong("tw.e2e.faults.seed", System.currentTimeMillis());
  private static final int DEALS = 200;
  /** The worker's {@code global-concurrency}: at most that many backfills can be cut by one kill. */
  private static final int WORKER_CONCURRENCY = 16;
  private static final String PREVIOUS = "2.3.1";
  private static final String NEW = "2.4.0";
  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(240 + TENANTS / 2);

  private static final TestInfra INFRA = TestInfra.get();
  private static final EventSerdes SERDES = EventSerdes.forRegistry(INFRA.registryUrl());
  private static final CrmDatabases CRM = new CrmDatabases(INFRA.postgres());
  private static final TenantData DATA = new TenantData(CRM);
  private static final Build BUILD = Build.current();
  private static final Users USERS = Users.random();
  private static final Random RANDOM = new Random(SEED);

  @RegisterExtension
  static final ServiceLogsOnFailure LOGS = new ServiceLogsOnFailure();

  private static Tenantwave tenantwave;

  @BeforeAll
  static void startTenantwave() {
    System.out.printf("fault trials: %d per killed service %s, %d tenants each, seed %d%n", TRIALS, KILLED, TENANTS,
        SEED);
    INFRA.createTopics();
    tenantwave = Tenantwave.launch(INFRA, BUILD, USERS, Fleet.REGIONS,
        Fleet.REGIONS.stream().map(Fleet::clusterOf).toList());
    LOGS.watch(() -> tenantwave.logTails(60));
    tenantwave.awaitHealthy(Duration.ofMinutes(3));
    CatalogSetup.topology(tenantwave.api(Service.CATALOG), USERS, INFRA.postgres(),
        Fleet.REGIONS);
  }

  @AfterAll
  static void stop() {
    if (tenantwave != null) {
      tenantwave.close();
    }
  }

  /** The trials, the killed services taking turns, so that a short run still covers each of them. */
  static Stream<Arguments> trials() {
    List<Arguments> trials = new ArrayList<>();
    for (int trial = 1; trial <= TRIALS; trial++) {
      for (Service killed : KILLED) {
        trials.add(Arguments.of(killed, trial));
      }
    }
    return trials.stream();
  }

  @ParameterizedTest(name = "kill -9 {0}, trial {1}")
  @MethodSource("trials")
  void shouldCompleteTheReleaseAndMigrateEveryTenantExactlyOnceDespiteAKill(Service killed, int trial)
      throws InterruptedException {
    long started = System.nanoTime();
    String run = TestInfra.uniqueId("f" + trial);
    Fleet fleet = Fleet.mostlyPooled(run, TENANTS);
    String release = "r-" + run.replace('_', '-') + "-" + NEW;
    fleet.seed(CRM, DEALS);
    CatalogSetup.importFleet(tenantwave.api(Service.CATALOG), USERS, fleet);
    CatalogSetup.awaitPlanned(rollout(), USERS, ReleaseEndToEndIT.plan(release, fleet), TENANTS);
    double seeded = seconds(started);
    try (ReleaseTopics topics = new ReleaseTopics(INFRA.kafkaBootstrap(), SERDES, release);
         SyntheticTraffic traffic = new SyntheticTraffic(INFRA, SERDES, fleet.tenants().stream()
             .map(Fleet.Tenant::id).toList(), tenant -> topics.versionOf(tenant, PREVIOUS), fleet.bad().id(), NEW)) {
      // Given a release under way
      rollout().post("/api/v1/releases", ReleaseEndToEndIT.plan(release, fleet), "application/yaml", USERS.operator())
          .expect(201, "create");
      rollout().postJson("/api/v1/releases/" + release + "/start", Map.of("reason", "fault trial " + trial),
          USERS.operator()).expect(200, "start");
      long releaseStarted = System.nanoTime();

      // When the service is killed at a random point of it and started again
      KillPoint point = KillPoint.draw(killed, TENANTS);
      await("the kill point: " + point).atMost(RELEASE_TIMEOUT).pollInterval(Duration.ofMillis(20))
          .failFast("the release reached approval before the kill point",
              () -> topics.states().stream().filter(s -> s.getState() == TenantRolloutState.PASSED).count()
                  >= TENANTS - 1)
          .until(() -> point.reached(topics));
      double killedAt = seconds(releaseStarted);
      tenantwave.kill(killed);
      long restarting = System.nanoTime();
      tenantwave.restart(killed, Duration.ofMinutes(3));
      double restartedIn = seconds(restarting);

      // Then the release completes for everyone but the bad tenant
      await("release " + release + " to wait for contract approval").atMost(RELEASE_TIMEOUT)
          .pollInterval(Duration.ofSeconds(1))
          .failFast("the release stopped, or holds a tenant for an operator", () -> {
            JsonNode detail = detail(release);
            return Set.of("PAUSED", "ABORTED", "FAILED", "ROLLED_BACK", "ROLLING_BACK")
                .contains(detail.path("state").asText()) || detail.path("tenants").has("HELD");
          })
          .until(() -> detail(release).path("state").asText().equals("AWAITING_CONTRACT_APPROVAL"));
      double awaiting = seconds(releaseStarted);
      assertThat(counts(detail(release).path("tenants"))).isEqualTo(Map.of("PASSED", TENANTS - 1, "ROLLED_BACK", 1));
      await("the bad tenant's last state").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(topics.lastStateOf(fleet.bad().id())).hasValueSatisfying(last -> {
            assertThat(last.getState()).isEqualTo(TenantRolloutState.ROLLED_BACK);
            assertThat(last.getAppVersion()).isEqualTo(PREVIOUS);
          }));

      // And every tenant was migrated exactly once, as its own database says
      int resumed = assertMigratedExactlyOnce(fleet, killed);
      assertEachStepCommandedOnce(fleet, topics);
      System.out.printf("fault trial %d, kill -9 %s at %s (%.1f s into the release): restarted and healthy in"
              + " %.1f s; release awaiting approval after %.1f s; %d backfill(s) cut and resumed; trial %.1f s (of"
              + " which seeding and import %.1f s)%n", trial, killed.module, point, killedAt, restartedIn, awaiting,
          resumed, seconds(started), seeded);
    }
  }

  /**
   * Where in the release the service dies: after so many tenant states (the orchestrator publishes two to three a
   * tenant: SWITCH, then BAKE unless the gate passed it during its backfill, then DONE), or after so many MIGRATE
   * commands (the worker is then among backfills, and among the expands of the tenants still to come). Drawn within
   * what every release publishes, so that the point is always reached before approval.
   */
  private record KillPoint(Service killed, int after) {

    static KillPoint draw(Service killed, int tenants) {
      int total = killed == Service.MIGRATION ? tenants : 2 * tenants;
      return new KillPoint(killed, 1 + RANDOM.nextInt(total * 3 / 4));
    }

    boolean reached(ReleaseTopics topics) {
      return (killed == Service.MIGRATION ? topics.commands().stream()
          .filter(c -> c.getPhase() == MigrationPhase.MIGRATE).count() : topics.states().size()) >= after;
    }

    @Override
    public String toString() {
      return after + (killed == Service.MIGRATION ? " MIGRATE commands" : " tenant states");
    }
  }

  /**
   * Every healthy tenant: EXPAND and MIGRATE succeeded, MIGRATE over all its deals (the cursor moves with each batch,
   * so a resumed backfill does not count a deal twice), every deal with its stage. Only a worker kill may cut a
   * backfill, which then resumes as a second attempt: at most as many as the worker runs at once.
   *
   * @return the number of tenants whose backfill was cut and resumed
   */
  private static int assertMigratedExactlyOnce(Fleet fleet, Service killed) {
    Map<String, Map<String, TenantData.PhaseRow>> histories = new HashMap<>();
    Map<String, Long> migratedDeals = new HashMap<>();
    fleet.tenants().stream().map(t -> t.database() + "/" + (t.schema() == null ? "" : t.schema())).distinct()
        .forEach(place -> {
          String database = place.substring(0, place.indexOf('/'));
          String schema = place.endsWith("/") ? null : place.substring(place.indexOf('/') + 1);
          histories.putAll(DATA.histories(database, schema, CrmDatabases.DEAL_STAGES));
          if (!fleet.bad().database().equals(database)) {
            migratedDeals.putAll(DATA.countsByTenant(database, schema,
                "SELECT tenant_id, count(*) FROM deals WHERE stage_id IS NOT NULL GROUP BY tenant_id"));
          }
        });
    List<String> resumed = new ArrayList<>();
    assertThat(fleet.healthy()).allSatisfy(tenant -> {
      Map<String, TenantData.PhaseRow> history = histories.get(tenant.id());
      assertThat(history).as("history of " + tenant.id()).isNotNull().containsOnlyKeys("EXPAND", "MIGRATE");
      assertThat(history.values()).as(tenant.id()).allSatisfy(row -> assertThat(row.state()).isEqualTo("SUCCEEDED"));
      assertThat(history.get("EXPAND").attempts()).as(tenant.id() + " EXPAND attempts").isEqualTo(1);
      assertThat(history.get("MIGRATE").rowsDone()).as(tenant.id() + " deals backfilled").isEqualTo(DEALS);
      assertThat(migratedDeals.get(tenant.id())).as(tenant.id() + " deals with a stage_id").isEqualTo(DEALS);
      int attempts = history.get("MIGRATE").attempts();
      assertThat(attempts).as(tenant.id() + " MIGRATE attempts").isBetween(1, killed == Service.MIGRATION ? 2 : 1);
      if (attempts == 2) {
        resumed.add(tenant.id());
      }
    });
    assertThat(resumed).as("backfills cut by one kill of the worker").hasSizeLessThanOrEqualTo(WORKER_CONCURRENCY);
    Map<String, TenantData.PhaseRow> bad = histories.get(fleet.bad().id());
    assertThat(bad).as("history of the bad tenant " + fleet.bad().id()).isNotNull().doesNotContainKey("CONTRACT");
    assertThat(bad.values()).allSatisfy(row -> assertThat(row.state()).isIn("ROLLED_BACK", "SUCCEEDED"));
    assertThat(bad).hasEntrySatisfying("EXPAND", row -> assertThat(row.state()).isEqualTo("ROLLED_BACK"));
    if (bad.containsKey("MIGRATE")) {
      assertThat(bad.get("MIGRATE").state()).isEqualTo("ROLLED_BACK");
      assertThat(bad.get("MIGRATE").attempts()).isBetween(1, killed == Service.MIGRATION ? 2 : 1);
    }
    assertThat(DATA.hasTable(fleet.bad(), "deal_stages")).as("deal_stages of the bad tenant").isFalse();
    return resumed.size();
  }

  /** No step was commanded twice: one command event per tenant and phase (a relay may publish it again). */
  private static void assertEachStepCommandedOnce(Fleet fleet, ReleaseTopics topics) {
    var eventIds = topics.commands().stream().collect(Collectors.groupingBy(
        c -> c.getTenantId() + " " + c.getPhase(), Collectors.mapping(TenantMigrationRequested::getEventId,
            Collectors.toSet())));
    assertThat(eventIds).allSatisfy((step, ids) -> assertThat(ids).as(step).hasSize(1));
    assertThat(fleet.healthy()).allSatisfy(t -> assertThat(topics.commandPhasesOf(t.id()).stream().distinct())
        .as(t.id()).containsExactly("EXPAND", "MIGRATE"));
  }

  private static JsonNode detail(String release) {
    return rollout().get("/api/v1/releases/" + release, USERS.viewer()).expect(200, "release detail").json();
  }

  private static Map<String, Integer> counts(JsonNode node) {
    Map<String, Integer> counts = new HashMap<>();
    node.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
    return counts;
  }

  private static Api rollout() {
    return tenantwave.api(Service.ROLLOUT);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
