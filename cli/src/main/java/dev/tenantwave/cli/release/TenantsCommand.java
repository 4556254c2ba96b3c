package dev.tenantwave.cli.release;

import dev.tenantwave.cli.release.ReleaseDocuments.TenantPage;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tenants", description = "List a release's tenants: where each is, its status, why it failed.")
public class TenantsCommand implements Callable<Integer> {

  @Parameters(paramLabel = "RELEASE", description = "The release id.")
  String id;

  @Option(names = "--region", paramLabel = "REGION", description = "Only this region.")
  String region;

  @Option(names = "--wave", paramLabel = "INDEX", description = "Only this wave (from 0).")
  Integer wave;

  @Option(names = "--state", paramLabel = "STATUS",
      description = "Only tenants in this status, e.g. FAILED, HELD, WINDOW_WAIT, BAKING.")
  String state;

  @Mixin RolloutOptions rollout;

  @Override
  public Integer call() throws InterruptedException {
    rollout.print(rollout.client().tenants(id, region, wave,
        state == null ? null : state.toUpperCase(Locale.ROOT)),
        json -> TenantText.of(ReleaseDocuments.read(json, TenantPage.class)));
    return 0;
  }
}
