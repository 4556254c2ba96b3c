package dev.tenantwave.catalog;

import dev.tenantwave.catalogview.CatalogView;
import dev.tenantwave.testsupport.TestInfra;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Run on purpose, not in the suite ({@code mvn -B -ntp -pl catalog-service -am verify -Pbenchmarks -DskipTests}):
 * <ol>
 *   <li>a catalog change committed through the API → visible in a CatalogView in another JVM, p50/p99/max over
 *   1,000 changes (target p99 ≤ 500 ms);</li>
 *   <li>a bulk import of 10,000 tenants, end to end until a CatalogView holds all of them (target ≤ 10 s).</li>
 * </ol>
 */
public final class CatalogBenchmarks {

  private CatalogBenchmarks() {}

  public static void main(String[] args) throws Exception {
    TestInfra infra = TestInfra.get();
    try (CatalogApp app = CatalogApp.start(Map.of("tenantwave.outbox.enabled", true))) {
      app.seedTopology();
      commitToVisible(app, infra);
      bulkImport(app, infra);
    }
    System.exit(0);
  }

  private static void commitToVisible(CatalogApp app, TestInfra infra) throws Exception {
    int changes = 1_000;
    String prefix = TestInfra.uniqueId("lat").replace('_', '-');
    Map<String, Long> sentAt = new HashMap<>();
    List<Long> latenciesMicros = new ArrayList<>();
    try (ViewProcess view = new ViewProcess(infra.kafkaBootstrap(), infra.registryUrl(), true)) {
      // Warm-up (relay producer, schema registration, connections), not measured.
      for (int i = 0; i < 50; i++) {
        app.call("operator", "POST", "/api/v1/tenants", CatalogApp.tenantJson(prefix + "-warm-" + i, "eu-west",
            "eu-west-1", "pg-eu-west-a"));
      }
      for (int seen = 0; seen < 50; seen++) {
        if (view.nextSeen(30_000) == null) {
          throw new IllegalStateException("warm-up changes not seen");
        }
      }
      Map<String, Long> versions = new HashMap<>();
      for (int i = 0; i < changes; i++) {
        String id = prefix + "-" + (i % 100);
        long version = versions.merge(id, 1L, Long::sum);
        sentAt.put(id + " " + version, CatalogViewProbe.micros());
        HttpResponse<String> response = version == 1
            ? app.call("operator", "POST", "/api/v1/tenants", CatalogApp.tenantJson(id, "eu-west",
                i % 2 == 0 ? "eu-west-1" : "eu-west-2", "pg-eu-west-a"))
            : app.call("operator", "PUT", "/api/v1/tenants/" + id, CatalogApp.tenantJson(id, "eu-west",
                i % 2 == 0 ? "eu-west-1" : "eu-west-2", "pg-eu-west-a"));
        if (response.statusCode() >= 300) {
          throw new IllegalStateException(response.body());
        }
        drain(view, sentAt, latenciesMicros, 0);
      }
      while (latenciesMicros.size() < changes) {
        if (!drain(view, sentAt, latenciesMicros, 10_000)) {
          throw new IllegalStateException("only " + latenciesMicros.size() + " of " + changes + " changes seen");
        }
      }
    }
    long[] sorted = latenciesMicros.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("BENCH commit->visible in another JVM over %d changes: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        sorted.length, pct(sorted, 0.50) / 1000.0, pct(sorted, 0.99) / 1000.0, sorted[sorted.length - 1] / 1000.0);
  }

  private static boolean drain(ViewProcess view, Map<String, Long> sentAt, List<Long> latencies, long waitMillis)
      throws InterruptedException {
    boolean any = false;
    String seen;
    while ((seen = view.nextSeen(any ? 0 : waitMillis)) != null) {
      String[] parts = seen.split(" ");
      Long sent = sentAt.remove(parts[0] + " " + parts[1]);
      if (sent != null) {
        latencies.add(Long.parseLong(parts[2]) - sent);
      }
      any = true;
    }
    return any;
  }

  private static void bulkImport(CatalogApp app, TestInfra infra) throws Exception {
    int count = 10_000;
    String prefix = TestInfra.uniqueId("bulk").replace('_', '-');
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < count; i++) {
      rows.append(i == 0 ? "" : ",").append(CatalogApp.tenantJson(prefix + "-" + i, "eu-west", "eu-west-1",
          "pg-eu-west-a"));
    }
    String body = "{\"tenants\":[" + rows + "]}";
    try (CatalogView view = CatalogView.start(infra.kafkaBootstrap(), infra.registryUrl())) {
      view.awaitReady(java.time.Duration.ofSeconds(60));
      int before = view.size();
      long start = System.nanoTime();
      HttpResponse<String> response = app.call("operator", "POST", "/api/v1/tenant-imports", body);
      long committed = System.nanoTime();
      if (response.statusCode() != 200) {
        throw new IllegalStateException(response.body());
      }
      while (view.size() < before + count) {
        if (System.nanoTime() - start > 120_000_000_000L) {
          throw new IllegalStateException("view has " + (view.size() - before) + " of " + count);
        }
        Thread.onSpinWait();
      }
      long visible = System.nanoTime();
      System.out.printf("BENCH bulk import of %d tenants (%.1f MB body): committed in %.2f s, all events in a"
              + " CatalogView after %.2f s%n", count, body.length() / 1e6, (committed - start) / 1e9,
          (visible - start) / 1e9);
    }
  }

  private static long pct(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

}
