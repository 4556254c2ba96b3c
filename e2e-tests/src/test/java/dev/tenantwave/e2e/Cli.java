package dev.tenantwave.e2e;

import dev.tenantwave.testsupport.ChildProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The {@code tw} CLI as a release engineer runs it: {@code java -jar cli/target/cli-<version>.jar …}. */
final class Cli {

  private final Build build;
  private final AtomicInteger runs = new AtomicInteger();

  Cli(Build build) {
    this.build = build;
  }

  /** Runs {@code tw <arguments>} to completion; its output (stdout and stderr) is also kept in target/e2e-logs. */
  ChildProcess.Completed run(String... arguments) {
    List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-jar", build.jar("cli").toString()));
    command.addAll(List.of(arguments));
    String name = "cli-" + runs.incrementAndGet() + "-" + String.join("-", List.of(arguments).subList(0,
        Math.min(2, arguments.length)));
    return ChildProcess.execute(name, command, Map.of(), build.log(name), Duration.ofSeconds(60));
  }
}
