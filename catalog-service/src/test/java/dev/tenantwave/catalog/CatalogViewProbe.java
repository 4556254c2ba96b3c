package dev.tenantwave.catalog;

import dev.tenantwave.catalogview.CatalogView;
import dev.tenantwave.events.TenantCatalogEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.TreeMap;

/**
 * A CatalogView in its own JVM: prints @@READY once bootstrapped, then answers each {@code dump} line on stdin with
 * one line per tenant ({@code @@id|version|cell|cluster}) and a closing {@code @@END}; log lines have no such prefix.
 */
public final class CatalogViewProbe {

  private CatalogViewProbe() {}

  public static void main(String[] args) throws Exception {
    try (CatalogView view = CatalogView.start(args[0], args[1])) {
      if (!view.awaitReady(Duration.ofSeconds(120))) {
        System.out.println("@@NOT READY");
        return;
      }
      if (args.length > 2 && args[2].equals("watch")) {
        view.addListener((id, before, after) -> System.out.println("@@SEEN " + id + " "
            + (after == null ? -1 : after.getVersion()) + " " + micros()));
      }
      System.out.println("@@READY");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null && !line.equals("quit")) {
        StringBuilder out = new StringBuilder();
        for (TenantCatalogEntry e : new TreeMap<>(view.all()).values()) {
          out.append("@@").append(line(e)).append('\n');
        }
        System.out.print(out);
        System.out.println("@@END");
        System.out.flush();
      }
    }
  }

  static long micros() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  static String line(TenantCatalogEntry e) {
    return e.getTenantId() + "|" + e.getVersion() + "|" + e.getCell() + "|" + e.getCluster();
  }
}
