package dev.tenantwave.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantwave.demo.fleet.Fleet;
import dev.tenantwave.demo.release.ReleaseTopics;
import dev.tenantwave.demo.rest.Users;
import dev.tenantwave.events.CohortPromotionRequested;
import dev.tenantwave.events.GateVerdict;
import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.ReleaseState;
import dev.tenantwave.events.TenantRolloutState;
import dev.tenantwave.events.VerdictOutcome;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.testsupport.ChildProcess;
import dev.tenantwave.testsupport.TestInfra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./tw demo --fast} as a newcomer runs it, a process of its own against the four services started from their
 * jars (serving the demo's three regions) on the tests' Kafka, registry and PostgreSQL; then the outcome as the topics
 * tell it: the bad tenant rolled back, the slow one too (the plan's policy rolls back a failed tenant), everyone else
 * contracted on the new version, and no tenant in another region's wave.
 */
class DemoIT {

  private static final Pattern RELEASE = Pattern.compile("release (demo-([a-z0-9]+)) started by");
  private static final int TENANTS = 500;

  private static final TestInfra INFRA = TestInfra.get();
  private static final EventSerdes SERDES = EventSerdes.forRegistry(INFRA.registryUrl());
  private static final Build BUILD = Build.current();
  private static final Users USERS = Users.random();

  @RegisterExtension
  static final ServiceLogsOnFailure LOGS = new ServiceLogsOnFailure();

  private static Tenantwave tenantwave;

  @BeforeAll
  static void startTenantwave() {
    INFRA.createTopics();
    tenantwave = Tenantwave.launch(INFRA, BUILD, USERS, Fleet.DEMO_REGIONS,
        Fleet.DEMO_REGIONS.stream().map(Fleet::clusterOf).toList());
    LOGS.watch(() -> tenantwave.logTails(40));
    tenantwave.awaitHealthy(Duration.ofMinutes(3));
  }

  @AfterAll
  static void stop() {
    if (tenantwave != null) {
      tenantwave.close();
    }
  }

  @Test
  void shouldRollBackTheBadAndTheSlowTenantAndContractEveryoneElseInTheirOwnRegions() throws Exception {
    long started = System.nanoTime();
    ChildProcess.Completed demo = ChildProcess.execute("tw-demo", List.of(BUILD.root().resolve("tw").toString(),
        "demo", "--fast"), environment(), BUILD.log("tw-demo"), Duration.ofMinutes(6));
    System.out.printf("e2e: ./tw demo --fast took %.1f s%n%s%n", (System.nanoTime() - started) / 1e9, demo.output());

    assertThat(demo.exitCode()).as(demo.output()).isZero();
    assertThat(demo.output().lines().findFirst()).hasValueSatisfying(first ->
        assertThat(first).startsWith("Console: " + tenantwave.api(Tenantwave.Service.ROLLOUT).baseUrl() + "/console/"));
    Matcher release = RELEASE.matcher(demo.output());
    assertThat(release.find()).as("the release's id in the narration").isTrue();
    Fleet fleet = Fleet.demo("demo_" + release.group(2), TENANTS);

    try (ReleaseTopics topics = new ReleaseTopics(INFRA.kafkaBootstrap(), SERDES, release.group(1))) {
      // the reader takes the topics' partitions in its own order: what it has read so far may be older
      await("the release's outcome on the topics").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        assertThat(topics.lastStatus()).hasValueSatisfying(s -> assertThat(s.getState())
            .isEqualTo(ReleaseState.COMPLETED));
        assertSwitchedBack(topics, fleet.bad(), "error-rate-5xx");
        assertSwitchedBack(topics, fleet.slow(), "relative-latency-p95");
        assertThat(fleet.tenants()).filteredOn(t -> !t.equals(fleet.bad()) && !t.equals(fleet.slow()))
            .allSatisfy(t -> assertThat(topics.lastStateOf(t.id())).as(t.id()).hasValueSatisfying(last -> {
              assertThat(last.getPhase()).isEqualTo(ReleasePhase.CONTRACT);
              assertThat(last.getState()).isEqualTo(TenantRolloutState.PASSED);
              assertThat(last.getAppVersion()).isEqualTo("2.4.0");
            }));
        assertThat(topics.promotions().stream().flatMap(p -> p.getTenantIds().stream()).distinct().count())
            .as("tenants promoted").isEqualTo(TENANTS);
      });
      assertEveryTenantOnlyInItsOwnRegion(topics, fleet);
    }
  }

  private static void assertSwitchedBack(ReleaseTopics topics, Fleet.Tenant tenant, String gate) {
    assertThat(topics.lastStateOf(tenant.id())).as(tenant.id()).hasValueSatisfying(last -> {
      assertThat(last.getState()).isEqualTo(TenantRolloutState.ROLLED_BACK);
      assertThat(last.getAppVersion()).isEqualTo("2.3.1");
    });
    assertThat(topics.verdicts()).filteredOn(v -> v.getTenantId().equals(tenant.id()))
        .filteredOn(v -> v.getOutcome() == VerdictOutcome.FAIL).extracting(GateVerdict::getGate).contains(gate);
  }

  private static void assertEveryTenantOnlyInItsOwnRegion(ReleaseTopics topics, Fleet fleet) {
    List<CohortPromotionRequested> promotions = topics.promotions();
    assertThat(promotions).isNotEmpty().allSatisfy(p -> assertThat(p.getTenantIds()).as("promotion " + p)
        .allSatisfy(t -> assertThat(fleet.regionOf(t)).isEqualTo(p.getRegion())));
    assertThat(topics.states()).allSatisfy(s -> assertThat(s.getRegion()).as("state " + s)
        .isEqualTo(fleet.regionOf(s.getTenantId())));
    assertThat(topics.commands()).allSatisfy(c -> assertThat(fleet.contains(c.getTenantId())).as("command " + c)
        .isTrue());
  }

  /** Where the stack is, as ./tw up would export it, and its users in a credentials file as ./tw up writes it. */
  private static Map<String, String> environment() throws IOException {
    Path credentials = BUILD.log("demo-credentials");
    Files.createDirectories(credentials.getParent());
    Files.writeString(credentials, USERS.twUsers().replace(',', '\n') + "\n");
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("TW_SKIP_BUILD", "1");
    environment.put("TW_KAFKA_BOOTSTRAP", INFRA.kafkaBootstrap());
    environment.put("TW_REGISTRY_URL", INFRA.registryUrl());
    environment.put("TW_CATALOG_URL", tenantwave.api(Tenantwave.Service.CATALOG).baseUrl());
    environment.put("TW_ROLLOUT_URL", tenantwave.api(Tenantwave.Service.ROLLOUT).baseUrl());
    environment.put("TW_PG_URL", INFRA.postgres().adminJdbcUrl());
    environment.put("TW_PG_USER", INFRA.postgres().user());
    environment.put("TW_PG_PASSWORD", INFRA.postgres().password());
    environment.put("TW_CREDENTIALS_FILE", credentials.toString());
    return environment;
  }
}
