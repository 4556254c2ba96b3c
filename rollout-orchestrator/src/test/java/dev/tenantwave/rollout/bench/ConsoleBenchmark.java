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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the console costs at N tenants: the release of {@link OrchestrationBenchmark} (two regions, internal wave,
 * then 1/5/25/100 % steps, everything passing at once) watched by one event stream from start to
 * AWAITING_CONTRACT_APPROVAL. Prints the snapshot's size and time, and the stream's batches, deltas and bytes —
 * against what sending the whole release per batch would have cost. With a second argument {@code no-feed} the
 * instance runs without the console's feed, to compare the release's time.
 *
 * <p>{@code rollout-orchestrator/bench.sh ConsoleBenchmark 10000 [no-feed]}
 */
public final class ConsoleBenchmark {

  public static void main(String[] args) throws Exception {
    int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    boolean feed = !(args.length > 1 && args[1].equals("no-feed"));   // to compare the release's time without it
    TestInfra infra = TestInfra.get();
    infra.createTopics();
    String prefix = TestInfra.uniqueId("cbm").replace('_', '-');
    try (StandIn standIn = new StandIn(infra, prefix, Set.of())) {
      for (int i = 0; i < tenants; i++) {
        Catalog.publish(standIn, Catalog.tenant(prefix, prefix + "-" + i, i % 2 == 0 ? "eu-west" : "us-east",
            i < 20 ? ReleaseTrack.INTERNAL : ReleaseTrack.GENERAL, TenantTier.SMB, TenancyModel.values()[1 + i % 3],
            TenantStatus.ACTIVE));
      }
      standIn.flush();
      try (OrchestratorApp app = OrchestratorApp.start(infra, OrchestratorApp.newDatabase(infra),
          TestInfra.uniqueId("rollout"), Map.of("tenantwave.console.feed-enabled", feed))) {
        String id = prefix + "-rel";
        String plan = OrchestrationBenchmark.twoRegionPlan(prefix);
        await("the catalog view to hold the " + tenants + " tenants").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> ((Number) app.post("/api/v1/releases/dry-run", plan, OrchestratorApp.VIEWER, Map.class)
                .body().get("tenantCount")).intValue() >= tenants);
        app.post("/api/v1/releases", plan, OrchestratorApp.OPERATOR, Map.class);
        HttpClient http = HttpClient.newHttpClient();
        String auth = app.basicAuthorization(OrchestratorApp.VIEWER);
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(
                URI.create(app.url() + "/console/api/events?release=" + id)).header("Authorization", auth).build(),
            HttpResponse.BodyHandlers.ofInputStream());
        AtomicLong batches = new AtomicLong();
        AtomicLong deltas = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong largest = new AtomicLong();
        Thread reader = new Thread(() -> {
          try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
              if (line.startsWith("data:") && line.contains("\"kind\"")) {
                batches.incrementAndGet();
                bytes.addAndGet(line.length());
                largest.accumulateAndGet(line.length(), Math::max);
                deltas.addAndGet(line.split("\"kind\"", -1).length - 1);
              }
            }
          } catch (java.io.IOException closed) {
            // the stream is closed at the end
          }
        }, "console-stream");
        reader.setDaemon(true);
        reader.start();
        app.post("/api/v1/releases/" + id + "/start", "{}", OrchestratorApp.OPERATOR, Map.class);
        Instant start = Instant.now();
        await("release " + id + " to wait for contract approval").atMost(Duration.ofMinutes(10))
            .pollInterval(Duration.ofMillis(20)) // the measurement's resolution
            .until(() -> "AWAITING_CONTRACT_APPROVAL".equals(app.get("/api/v1/releases/" + id).get("state")));
        double seconds = java.time.Duration.between(start, Instant.now()).toMillis() / 1000.0;
        long snapshotStart = System.nanoTime();
        HttpResponse<byte[]> grid = http.send(HttpRequest.newBuilder(URI.create(app.url() + "/console/api/releases/"
            + id + "/grid")).header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofByteArray());
        double snapshotMillis = (System.nanoTime() - snapshotStart) / 1e6;
        AtomicLong seen = new AtomicLong(-1);
        await("the event stream to go quiet").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
            .until(() -> seen.getAndSet(deltas.get()) == deltas.get());
        System.out.printf("console at %,d tenants: release start → AWAITING_CONTRACT_APPROVAL %.1f s; snapshot %,d bytes"
                + " in %.0f ms; stream %,d batches, %,d deltas, %,d bytes (%.0f bytes per delta, largest batch %,d"
                + " bytes); the whole release per batch would have been %,d bytes%n", tenants, seconds,
            grid.body().length, snapshotMillis, batches.get(), deltas.get(), bytes.get(),
            deltas.get() == 0 ? 0.0 : (double) bytes.get() / deltas.get(), largest.get(),
            batches.get() * (long) grid.body().length);
        stream.body().close();
      }
    }
    System.exit(0);
  }
}
