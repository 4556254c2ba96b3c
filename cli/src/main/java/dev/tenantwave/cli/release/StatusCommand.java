package dev.tenantwave.cli.release;

import dev.tenantwave.cli.release.ReleaseDocuments.ReleaseDetail;
import dev.tenantwave.cli.release.ReleaseDocuments.ReleaseSummary;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = {"Show a release, or without RELEASE list the releases, newest first.",
    "Per region its waves and steps with a progress bar, tenants by status, and the failed tenants with the gate,"
        + " observed value, threshold, baseline and reason."})
public class StatusCommand implements Callable<Integer> {

  @Parameters(paramLabel = "RELEASE", arity = "0..1", description = "The release id; none to list the releases.")
  String id;

  @Mixin RolloutOptions rollout;

  @Override
  public Integer call() throws InterruptedException {
    RolloutClient client = rollout.client();
    if (id == null) {
      rollout.print(client.list(), json -> ReleaseListText.of(List.of(ReleaseDocuments.read(json,
          ReleaseSummary[].class))));
    } else {
      rollout.print(client.detail(id), json -> ReleaseText.of(ReleaseDocuments.read(json, ReleaseDetail.class)));
    }
    return 0;
  }
}
