package dev.tenantwave.demo;

import static org.awaitility.Awaitility.await;

import dev.tenantwave.demo.fleet.CatalogSetup;
import dev.tenantwave.demo.fleet.Fleet;
import dev.tenantwave.demo.release.DemoPlan;
import dev.tenantwave.demo.release.Narrator;
import dev.tenantwave.demo.release.ReleaseTopics;
import dev.tenantwave.demo.rest.Users;
import dev.tenantwave.demo.traffic.ProductTraffic;
import dev.tenantwave.demo.traffic.TenantProfile;
import dev.tenantwave.demo.traffic.TenantProfile.Behaviour;
import dev.tenantwave.events.RegionProgress;
import dev.tenantwave.events.ReleasePhase;
import dev.tenantwave.events.ReleaseStatus;
import dev.tenantwave.events.TenantRolloutState;
import dev.tenantwave.events.serde.EventSerdes;
import dev.tenantwave.metrics.TenantMetricsRecorder;
import dev.tenantwave.testsupport.CrmDatabases;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./tw demo}: on the running stack, a fleet of tenants in three regions with their data and their traffic, a
 * release of the shipped migration set to all of them, one tenant turning bad and one slow on the new version, told
 * from the topics as it happens, approved and contracted. Exit 0 when the release completed as the demo expects.
 */
@Command(name = "tw demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Seeds a fleet in three regions, releases 2.4.0 with migration set 2026-11-deal-stages to it while "
        + "its traffic flows, and narrates what happens. Needs ./tw up running.")
public final class DemoCommand implements Callable<Integer> {

  private static final Set<String> STOPPED = Set.of("PAUSED", "ABORTED", "FAILED", "ROLLING_BACK", "ROLLED_BACK");

  @Option(names = "--fast", description = "1 s gate windows and 5 s bakes instead of 5 s and 20 s (for tests)")
  boolean fast;

  @Option(names = "--tenants", defaultValue = "500", description = "tenants in the fleet (default ${DEFAULT-VALUE})")
  int tenants;

  @Option(names = "--deals", defaultValue = "200", description = "deals per tenant (default ${DEFAULT-VALUE})")
  int deals;

  private final PrintStream out = System.out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DemoCommand()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    Stack stack = Stack.fromEnvironment(System.getenv());
    String unreachable = stack.unreachable();
    if (unreachable != null) {
      System.err.println("tw demo: " + unreachable);
      return 2;
    }
    String run = Long.toString(Instant.now().getEpochSecond(), 36); // a fresh fleet and release every run
    Users users;
    Fleet fleet;
    try {
      users = stack.users();
      fleet = Fleet.demo("demo_" + run, tenants);
    } catch (IllegalStateException | IllegalArgumentException e) {
      System.err.println("tw demo: " + e.getMessage());
      return 2;
    }
    out.println("Console: " + stack.consoleUrl() + "  (users in " + stack.credentialsFile() + ")");
    try {
      return run(stack, users, fleet, "demo-" + run);
    } catch (ConditionTimeoutException e) {
      System.err.println("tw demo: " + e.getMessage() + " (is ./tw up's migration worker serving eu-west, us-east and"
          + " sa-east? see docs/demo.md)");
      return 1;
    } catch (IllegalStateException | UncheckedIOException e) {
      System.err.println("tw demo: " + e.getMessage());
      return 1;
    }
  }

  private int run(Stack stack, Users users, Fleet fleet, String releaseId) throws InterruptedException {
    DemoPlan.Pace pace = fast ? DemoPlan.Pace.FAST : DemoPlan.Pace.NORMAL;
    DemoPlan plan = new DemoPlan(releaseId, fleet, pace);
    Narrator narrator = new Narrator(fleet, out);
    EventSerdes serdes = EventSerdes.forRegistry(stack.registryUrl());
    CatalogSetup.topology(stack.catalog(), users, stack.postgres(), fleet.regions());
    try (ReleaseTopics topics = new ReleaseTopics(stack.kafkaBootstrap(), serdes, plan.releaseId(),
        ReleaseTopics.From.NOW, narrator);
         ProductTraffic traffic = startTraffic(stack, fleet, topics)) {
      narrator.say("traffic: %d tenants, %,d requests/s through tenantwave-metrics, each tenant at its own rate and"
          + " latency, all on %s", tenants, traffic.requestsPerSecond(), DemoPlan.PREVIOUS);
      narrator.say("bad tenant: %s (%s, DATABASE) will answer %.0f %% 5xx on %s; slow tenant: %s (%s) %dx slower",
          fleet.bad().id(), fleet.bad().region(), TenantProfile.BAD_5XX_RATE * 100, DemoPlan.NEW, fleet.slow().id(),
          fleet.slow().region(), TenantProfile.SLOW_FACTOR);
      seed(stack, users, fleet, plan, narrator);
      awaitBaseline(traffic, pace, narrator);
      startRelease(stack, users, plan, narrator);
      awaitState(topics, narrator, "AWAITING_CONTRACT_APPROVAL", fast ? Duration.ofMinutes(4) : Duration.ofMinutes(6));
      summarize(topics, fleet, narrator);
      narrator.say("approving the contract as admin %s: the point of no return, no tenant can be rolled back after it",
          users.admin().name());
      stack.rollout().postJson("/api/v1/releases/" + plan.releaseId() + "/approve-contract",
          Map.of("reason", "tw demo: every region done, the failed tenants switched back"), users.admin())
          .expect(200, "contract approval");
      awaitState(topics, narrator, "COMPLETED", Duration.ofMinutes(3));
      awaitEveryTenantSettled(topics, fleet);
      List<String> contracted = tenantsIn(topics, fleet, ReleasePhase.CONTRACT, TenantRolloutState.PASSED);
      List<String> rolledBack = tenantsIn(topics, fleet, ReleasePhase.ROLLBACK, TenantRolloutState.ROLLED_BACK);
      narrator.say("done in %.0f s: %d tenants contracted on %s; rolled back to %s: %s. Release %s; console %s",
          narrator.elapsedSeconds(), contracted.size(), DemoPlan.NEW, DemoPlan.PREVIOUS, String.join(", ", rolledBack),
          plan.releaseId(), stack.consoleUrl());
      if (!rolledBack.equals(List.of(fleet.bad().id(), fleet.slow().id()).stream().sorted().toList())
          || contracted.size() != fleet.tenants().size() - 2) {
        throw new IllegalStateException("the release ended otherwise than the demo expects: only the bad and the slow"
            + " tenant rolled back, every other contracted");
      }
      return 0;
    }
  }

  private ProductTraffic startTraffic(Stack stack, Fleet fleet, ReleaseTopics topics) {
    Map<String, TenantMetricsRecorder> recorders = Map.of(
        DemoPlan.PREVIOUS, recorder(stack, DemoPlan.PREVIOUS), DemoPlan.NEW, recorder(stack, DemoPlan.NEW));
    List<TenantProfile> profiles = fleet.tenants().stream().map(t -> TenantProfile.of(t,
        t.equals(fleet.bad()) ? Behaviour.ERRORS : t.equals(fleet.slow()) ? Behaviour.SLOW : Behaviour.SAME))
        .toList();
    return new ProductTraffic(profiles, recorders, DemoPlan.NEW,
        tenant -> topics.routedVersionOf(tenant, DemoPlan.PREVIOUS));
  }

  private static TenantMetricsRecorder recorder(Stack stack, String version) {
    return TenantMetricsRecorder.builder().bootstrapServers(stack.kafkaBootstrap()).registryUrl(stack.registryUrl())
        .service("crm-api").appVersion(version).instance("crm-api-" + version + "-demo")
        .producerConfig(stack.appKafkaLogin()).build();
  }

  private void seed(Stack stack, Users users, Fleet fleet, DemoPlan plan, Narrator narrator) {
    long started = System.nanoTime();
    fleet.seed(new CrmDatabases(stack.postgres()), deals);
    long databases = fleet.tenants().stream().map(Fleet.Tenant::database).distinct().count();
    narrator.say("seeded %d tenants' CRM data (%d deals each, free-text stages) in %d databases: POOLED under"
        + " row-level security, a schema each, a database each (%.1f s)", fleet.tenants().size(), deals, databases,
        (System.nanoTime() - started) / 1e9);
    CatalogSetup.importFleet(stack.catalog(), users, fleet);
    CatalogSetup.awaitPlanned(stack.rollout(), users, plan.yaml(), fleet.tenants().size());
    narrator.say("catalog: %d tenants imported in eu-west (EU), us-east (US), sa-east (LATAM); the orchestrator"
        + " plans them all", fleet.tenants().size());
  }

  /** The gate judges a tenant against its own metrics on the previous version, so those must come first. */
  private static void awaitBaseline(ProductTraffic traffic, DemoPlan.Pace pace, Narrator narrator) {
    long needed = Math.max(10, 3L * pace.windowSeconds());
    if (traffic.seconds() < needed) {
      narrator.say("waiting until every tenant has %d s of baseline traffic", needed);
      await("baseline traffic").atMost(Duration.ofSeconds(needed + 30)).pollInterval(Duration.ofMillis(200))
          .until(() -> traffic.seconds() >= needed);
    }
  }

  private static void startRelease(Stack stack, Users users, DemoPlan plan, Narrator narrator) {
    stack.rollout().post("/api/v1/releases", plan.yaml(), "application/yaml", users.operator())
        .expect(201, "creating the release");
    stack.rollout().postJson("/api/v1/releases/" + plan.releaseId() + "/start",
        Map.of("reason", "tw demo"), users.operator()).expect(200, "starting the release");
    narrator.say("release %s started by operator %s: %s -> %s with migration set %s; per region %s; bakes of %d s",
        plan.releaseId(), users.operator().name(), DemoPlan.PREVIOUS, DemoPlan.NEW, DemoPlan.MIGRATION_SET,
        String.join(" -> ", DemoPlan.WAVES), plan.pace().bakeSeconds());
  }

  private void awaitState(ReleaseTopics topics, Narrator narrator, String state, Duration timeout) {
    await("release " + state).atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
      ReleaseStatus status = topics.lastStatus().orElse(null);
      if (status == null) {
        return false;
      }
      String now = status.getState().name();
      if (STOPPED.contains(now)) {
        throw new IllegalStateException("the release stopped: " + now + " (" + Narrator.counts(status) + ")");
      }
      for (RegionProgress region : status.getRegions()) {
        if (region.getState().equals("PAUSED")) {
          throw new IllegalStateException(region.getRegion() + " paused: more failed tenants than its wave allows ("
              + Narrator.counts(status) + ")");
        }
      }
      narrator.progress(status, fast ? 5 : 10);
      return now.equals(state);
    });
  }

  /** The release completes when the last CONTRACT is answered; its tenant states may come a moment later. */
  private static void awaitEveryTenantSettled(ReleaseTopics topics, Fleet fleet) {
    await("every tenant's last state on release.tenant-state.v1").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200)).until(() -> fleet.tenants().stream()
            .allMatch(t -> topics.lastStateOf(t.id()).map(s -> s.getState() == TenantRolloutState.ROLLED_BACK
                || s.getState() == TenantRolloutState.FAILED
                || s.getPhase() == ReleasePhase.CONTRACT && s.getState() == TenantRolloutState.PASSED).orElse(false)));
  }

  /** The fleet's tenants whose last state is {@code state} in {@code phase}, by id. */
  private static List<String> tenantsIn(ReleaseTopics topics, Fleet fleet, ReleasePhase phase,
      TenantRolloutState state) {
    return fleet.tenants().stream().map(Fleet.Tenant::id).filter(t -> topics.lastStateOf(t)
        .map(s -> s.getPhase() == phase && s.getState() == state).orElse(false)).sorted().toList();
  }

  /** Per region what passed and what was switched back, and that the bad tenant's region went on after it. */
  private static void summarize(ReleaseTopics topics, Fleet fleet, Narrator narrator) {
    for (String region : fleet.regions()) {
      long passed = fleet.tenants().stream().filter(t -> t.region().equals(region))
          .filter(t -> topics.lastStateOf(t.id()).map(s -> s.getState().name().equals("PASSED")).orElse(false))
          .count();
      long rolledBack = fleet.tenants().stream().filter(t -> t.region().equals(region))
          .filter(t -> topics.lastStateOf(t.id()).map(s -> s.getState().name().equals("ROLLED_BACK")).orElse(false))
          .count();
      narrator.say("%s: %d passed, %d rolled back", region, passed, rolledBack);
    }
    topics.firstArrival(fleet.bad().id(), s -> s.getPhase().name().equals("ROLLBACK")).ifPresent(rollback -> {
      long after = fleet.tenants().stream().filter(t -> t.region().equals(fleet.bad().region()))
          .filter(t -> topics.firstArrival(t.id(), s -> s.getState().name().equals("PASSED"))
              .map(a -> a.readAtMillis() > rollback.readAtMillis()).orElse(false))
          .count();
      narrator.say("%s went on after switching the bad tenant back: %d of its tenants passed after that",
          fleet.bad().region(), after);
    });
  }
}
