package dev.tenantwave.e2e.probe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Issue 13's chaos and bad-input checks, re-run against a running {@code ./tw up} stack from outside it; one line of
 * figures per check. Not a test; run it on purpose: {@code e2e-tests/bench.sh probe.SecurityProbe} with the
 * stack's {@code TW_STATE_DIR}. It finds the stack as {@code ./tw} does (docs/security.md, "Probes").
 *
 * <p>It leaves traces on the stack it probes: records in {@code tenant.metrics.v1} and its dead letters, a region,
 * cell, cluster and tenants named {@code probe-*} in the catalog, maybe a release; the registry's compatibility is
 * put back as it was. Run it on a stack of its own. Exits 0 when every check saw what the stack promises, else 1.
 */
public final class SecurityProbe {

  public static void main(String[] args) throws Exception {
    // every refusal is the probe's own finding; the clients' logs of it (a disconnect every 200 ms) would bury them
    ((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.OFF);
    Path root = Path.of(System.getProperty("tw.e2e.root", "..")).toAbsolutePath().normalize();
    Stack stack = Stack.find(root);
    System.out.printf(Locale.ROOT, "security probe of the stack in %s, ports %s; %d cores, load %s%n", stack.state(),
        stack.ports(), Runtime.getRuntime().availableProcessors(), load());
    List<Probe> probes = List.of(new SpoofedCatalogProbe(), new RegistryProbe(), new BruteForceProbe(),
        new ManagementProbe(), new FuzzProbe(), new BadRecordsProbe(), new PortsProbe());
    List<Finding> findings = new ArrayList<>();
    for (Probe probe : probes) {
      long started = System.nanoTime();
      Finding finding;
      try {
        finding = probe.run(stack);
      } catch (Exception | AssertionError e) {
        finding = new Finding(probe.getClass().getSimpleName(), false, "failed: " + e);
      }
      findings.add(finding);
      System.out.printf(Locale.ROOT, "%s [%.1f s]%n", finding, (System.nanoTime() - started) / 1e9);
    }
    long bad = findings.stream().filter(f -> !f.asExpected()).count();
    System.out.printf(Locale.ROOT, "%d of %d checks as expected; load %s%n", findings.size() - bad, findings.size(),
        load());
    System.exit(bad == 0 ? 0 : 1);
  }

  private static String load() {
    try {
      String[] average = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return average[0] + " " + average[1] + " " + average[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
