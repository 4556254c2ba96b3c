package dev.tenantwave.cli.release;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tw release tenant isolate|rollback|retry RELEASE TENANT}: act on one tenant of a release (operator). */
@Command(name = "tenant",
    description = "Isolate, roll back or retry one tenant of a release (operator).")
public class TenantCommand {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;

  @Command(name = "isolate", description = "Freeze the tenant: no further commands, it stays on its current version.")
  int isolate(@Parameters(index = "0", paramLabel = "RELEASE", description = "The release id.") String id,
      @Parameters(index = "1", paramLabel = "TENANT", description = "The tenant id.") String tenantId,
      @Option(names = "--reason", paramLabel = "TEXT", required = true,
          description = ReleaseAction.REQUIRED_REASON_HELP) String reason,
      @Mixin RolloutOptions rollout) throws InterruptedException {
    return ReleaseAction.ISOLATE.perform(rollout, id, tenantId, null, reason);
  }

  @Command(name = "rollback", description = {"Switch the tenant back to the previous version and undo its migration.",
      "Not once it is contracting: contract is the point of no return."})
  int rollback(@Parameters(index = "0", paramLabel = "RELEASE", description = "The release id.") String id,
      @Parameters(index = "1", paramLabel = "TENANT", description = "The tenant id.") String tenantId,
      @Option(names = "--reason", paramLabel = "TEXT", required = true,
          description = ReleaseAction.REQUIRED_REASON_HELP) String reason,
      @Mixin RolloutOptions rollout) throws InterruptedException {
    return ReleaseAction.ROLLBACK.perform(rollout, id, tenantId, null, reason);
  }

  @Command(name = "retry", description = {"Repeat the tenant's failed migration step.",
      "A tenant its gate failed is rolled back or isolated instead."})
  int retry(@Parameters(index = "0", paramLabel = "RELEASE", description = "The release id.") String id,
      @Parameters(index = "1", paramLabel = "TENANT", description = "The tenant id.") String tenantId,
      @Option(names = "--reason", paramLabel = "TEXT", description = ReleaseAction.REASON_HELP) String reason,
      @Mixin RolloutOptions rollout) throws InterruptedException {
    return ReleaseAction.RETRY.perform(rollout, id, tenantId, null, reason);
  }
}
