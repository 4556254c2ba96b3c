package dev.tenantwave.cli.release;

import dev.tenantwave.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tw release}: drive the rollout orchestrator. The actions on a whole release are the methods below; each
 * prints the release as the orchestrator answered.
 */
@Command(name = "release",
    description = {"Plan, create, run and follow releases (asks the rollout orchestrator).",
        "Every command prints text for people, or with --output json the orchestrator's document unchanged.",
        "Each command's --help lists its options."},
    subcommands = {PlanCommand.class, CreateCommand.class, StatusCommand.class, TenantsCommand.class,
        WatchCommand.class, TenantCommand.class},
    exitCodeListHeading = "%nExit codes (every release command):%n",
    exitCodeList = {ExitCodes.OK_HELP, ExitCodes.REFUSED_HELP,
        ExitCodes.USAGE_HELP, ExitCodes.UNAVAILABLE_HELP,
        WatchCommand.FAILED_HELP})
public class ReleaseCommand {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;

  @Command(name = "start", description = "Start a DRAFT release: its first wave begins (operator).")
  int start(@Parameters(paramLabel = "RELEASE", description = "The release id.") String id,
      @Option(names = "--reason", paramLabel = "TEXT", description = ReleaseAction.REASON_HELP) String reason,
      @Mixin RolloutOptions rollout) throws InterruptedException {
    return ReleaseAction.START.perform(rollout, id, null, null, reason);
  }

  @Command(name = "pause", description = "Pause a running release, or one region of it (operator).")
  int pause(@Parameters(paramLabel = "RELEASE", description = "The release id.") String id,
      @Option(names = "--region", paramLabel = "REGION", description = "Only this region.") String region,
      @Option(names = "--reason", paramLabel = "TEXT", description = ReleaseAction.REASON_HELP) String reason,
      @Mixin RolloutOptions rollout) throws InterruptedException {
    return ReleaseAction.PAUSE.perform(rollout, id, null, region, reason);
  }

  @Command(name = "resume", description = {"Resume a paused release, or one paused region (operator).",
      "Resuming a region its failure policy paused accepts the failures counted so far in its wave."})
  int resume(@Parameters(paramLabel = "RELEASE", description = "The release id.") String id,
      @Option(names = "--region", paramLabel = "REGION", description = "Only this region.") String region,
      @Option(names = "--reason", paramLabel = "TEXT", description = ReleaseAction.REASON_HELP) String reason,
      @Mixin RolloutOptions rollout) throws InterruptedException {
    return ReleaseAction.RESUME.perform(rollout, id, null, region, reason);
  }

  @Command(name = "promote", description = {"Pass the current step's tenants without the gate's verdict (operator).",
      "Migrating, baking and held tenants of the current step pass; in every running region, or only in --region."})
  int promote(@Parameters(paramLabel = "RELEASE", description = "The release id.") String id,
      @Option(names = "--region", paramLabel = "REGION", description = "Only this region.") String region,
      @Option(names = "--reason", paramLabel = "TEXT", description = ReleaseAction.REASON_HELP) String reason,
      @Mixin RolloutOptions rollout) throws InterruptedException {
    return ReleaseAction.PROMOTE.perform(rollout, id, null, region, reason);
  }

  @Command(name = "abort", description = "Abort the release: its tenants go back to the previous version (operator).")
  int abort(@Parameters(paramLabel = "RELEASE", description = "The release id.") String id,
      @Option(names = "--reason", paramLabel = "TEXT", required = true,
          description = ReleaseAction.REQUIRED_REASON_HELP) String reason,
      @Mixin RolloutOptions rollout) throws InterruptedException {
    return ReleaseAction.ABORT.perform(rollout, id, null, null, reason);
  }

  @Command(name = "approve-contract",
      description = {"Approve the contract phase: old columns and code paths go (admin).",
          "There is no way back once contract starts."})
  int approveContract(@Parameters(paramLabel = "RELEASE", description = "The release id.") String id,
      @Option(names = "--reason", paramLabel = "TEXT", required = true,
          description = ReleaseAction.REQUIRED_REASON_HELP) String reason,
      @Mixin RolloutOptions rollout) throws InterruptedException {
    return ReleaseAction.APPROVE_CONTRACT.perform(rollout, id, null, null, reason);
  }
}
