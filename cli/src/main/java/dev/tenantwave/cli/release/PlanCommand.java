package dev.tenantwave.cli.release;

import dev.tenantwave.cli.release.ReleaseDocuments.PlanView;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "plan", description = {"Show what a release plan would do now (a dry run; nothing is created).",
    "Per region its waves and steps with their tenants, enterprise tenants that wait for a maintenance window, and"
        + " the tenants the plan skips, with why."})
public class PlanCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "The plan: .yaml, .yml or .json.")
  Path file;

  @Mixin RolloutOptions rollout;

  @Override
  public Integer call() throws InterruptedException {
    String document = rollout.client().dryRun(PlanFile.read(file, rollout));
    rollout.print(document, json -> PlanText.of(ReleaseDocuments.read(json, PlanView.class)));
    return 0;
  }
}
