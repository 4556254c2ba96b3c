package dev.tenantwave.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the reactor put what the suite runs: each runnable module's {@code target/<module>-<version>.jar} (its
 * dependencies in {@code target/lib}), and where the suite writes the services' logs. Set by failsafe; the defaults
 * fit a run from this module's directory.
 */
record Build(Path root, String version, Path logs) {

  static Build current() {
    return new Build(Path.of(System.getProperty("tw.e2e.root", "..")).toAbsolutePath().normalize(),
        System.getProperty("tw.e2e.version", "0.1.0-SNAPSHOT"),
        Path.of(System.getProperty("tw.e2e.logs", "target/e2e-logs")).toAbsolutePath().normalize());
  }

  /** The runnable jar of a module, which must have been packaged earlier in the same build. */
  Path jar(String module) {
    Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(jar.resolveSibling("lib"))) {
      throw new IllegalStateException("No runnable jar " + jar + " (with lib/ beside it): package the modules first,"
          + " e.g. mvn -B -ntp -pl e2e-tests -am verify");
    }
    return jar;
  }

  Path log(String name) {
    return logs.resolve(name + ".log");
  }

  /** A directory for a service's local state (the gate's state stores), beside the logs. */
  Path state(String name) {
    return logs.resolveSibling("e2e-state").resolve(name);
  }
}
