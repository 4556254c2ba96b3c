package dev.tenantwave.cli.release;

import dev.tenantwave.cli.release.ReleaseDocuments.PlanView;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "create", description = "Create a release from a plan, as DRAFT; 'start' runs it (operator).")
public class CreateCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "The plan: .yaml, .yml or .json.")
  Path file;

  @Mixin RolloutOptions rollout;

  @Override
  public Integer call() throws InterruptedException {
    String document = rollout.client().create(PlanFile.read(file, rollout));
    rollout.print(document, json -> {
      PlanView plan = ReleaseDocuments.read(json, PlanView.class);
      return "created " + plan.releaseId() + " (DRAFT); start it with: tw release start " + plan.releaseId()
          + "\n\n" + PlanText.of(plan);
    });
    return 0;
  }
}
