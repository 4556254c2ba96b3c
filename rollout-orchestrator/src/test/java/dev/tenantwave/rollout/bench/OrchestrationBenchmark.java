package dev.tenantwave.rollout.bench;

import static org.awaitility.Awaitility.await;

import dev.tenantwave.events.ReleaseTrack;
import dev.tenantwave.events.TenancyModel;
import dev.tenantwave.events.TenantStatus;
import dev.tenantwave.events.TenantTier;
import dev.tenantwave.rollout.testing.Catalog;
import dev.tenantwave.rollout.testing.OrchestratorApp;
import dev.tenantwave.rollout.testing.StandIn;
import dev.tenantwave.testsupport.TestInfra;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Orchestration overhead: a release of N tenants over two regions (internal wave, then everyone else in
 * 1/5/25/100 % steps), whose migration commands are answered and whose gates pass at once (the stand-in), from
 * start to AWAITING_CONTRACT_APPROVAL. Prints the time, the events the orchestrator consumed and published per
 * second, and the time per tenant at each size (linear growth keeps it flat). Goal: 10,000 tenants in ≤ 60 s.
 */
public final class OrchestrationBenchmark {

  public static void main(String[] args) throws Exception {
    int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "1000,10000").split(",")).mapToInt(Integer::parseInt)
        .toArray();
    TestInfra infra = TestInfra.get();
    infra.createTopics();
    System.out.printf("orchestration benchmark, %d cores, sizes %s%n", Runtime.getRuntime().availableProcessors(),
        Arrays.toString(sizes));
    for (int size : sizes) {
      run(infra, size);
    }
    System.exit(0);
  }

  private static void run(TestInfra infra, int tenants) throws Exception {
    String prefix = TestInfra.uniqueId("ob").replace('_', '-');
    try (StandIn standIn = new StandIn(infra, prefix, Set.of())) {
      for (int i = 0; i < tenants; i++) {
        String region = i % 2 == 0 ? "eu-west" : "us-east";
        ReleaseTrack track = i < 20 ? ReleaseTrack.INTERNAL : ReleaseTrack.GENERAL;
        Catalog.publish(standIn, Catalog.tenant(prefix, prefix + "-" + i, region, track, TenantTier.SMB,
            TenancyModel.values()[1 + i % 3], TenantStatus.ACTIVE));
      }
      standIn.flush();
      String database = OrchestratorApp.newDatabase(infra);
      try (OrchestratorApp app = OrchestratorApp.start(infra, database, TestInfra.uniqueId("rollout"), Map.of())) {
        String plan = twoRegionPlan(prefix);
        String id = prefix + "-rel";
        await("the catalog view to hold the " + tenants + " tenants").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> ((Number) app.post("/api/v1/releases/dry-run", plan, OrchestratorApp.VIEWER, Map.class)
                .body().get("tenantCount")).intValue() >= tenants);
        long createStart = System.nanoTime();
        app.post("/api/v1/releases", plan, OrchestratorApp.OPERATOR, Map.class);
        double createSeconds = (System.nanoTime() - createStart) / 1e9;
        long start = System.nanoTime();
        app.post("/api/v1/releases/" + id + "/start", "{\"reason\": \"benchmark\"}", OrchestratorApp.OPERATOR,
            Map.class);
        await("release " + id + " to wait for contract approval").atMost(Duration.ofMinutes(10))
            .pollInterval(Duration.ofMillis(20)) // the measurement's resolution
            .until(() -> "AWAITING_CONTRACT_APPROVAL".equals(app.get("/api/v1/releases/" + id).get("state")));
        double seconds = (System.nanoTime() - start) / 1e9;
        long published;
        long consumed;
        try (Connection c = DriverManager.getConnection(database, infra.postgres().user(), infra.postgres().password());
             Statement s = c.createStatement()) {
          published = count(s, "SELECT count(*) FROM outbox");
          consumed = count(s, "SELECT count(*) FROM processed_events");
        }
        System.out.printf("%,d tenants: create %.2f s; start → AWAITING_CONTRACT_APPROVAL %.2f s (%.2f ms per tenant); "
                + "%,d events consumed, %,d published: %,.0f events/s%n", tenants, createSeconds, seconds,
            seconds * 1000 / tenants, consumed, published, (consumed + published) / seconds);
      }
    }
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The benchmarks' release: eu-west and us-east side by side, the tenants flagged {@code prefix}, noop migration. */
  static String twoRegionPlan(String prefix) {
    return """
        releaseId: %1$s-rel
        appVersion: 2.4.0
        previousAppVersion: 2.3.1
        migrationSet: noop
        regionOrder: PARALLEL
        regions:
          - region: eu-west
            waves:
              - {name: internal, cohort: {tracks: [INTERNAL], flags: {%1$s: true}}}
              - {name: general, cohort: {tracks: [GENERAL], flags: {%1$s: true}}, steps: [1, 5, 25, 100]}
          - region: us-east
            waves:
              - {name: internal, cohort: {tracks: [INTERNAL], flags: {%1$s: true}}}
              - {name: general, cohort: {tracks: [GENERAL], flags: {%1$s: true}}, steps: [1, 5, 25, 100]}
        """.formatted(prefix);
  }
}
