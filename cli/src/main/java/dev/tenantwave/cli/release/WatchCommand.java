package dev.tenantwave.cli.release;

import dev.tenantwave.cli.Endpoints;

import dev.tenantwave.cli.ExitCodes;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(name = "watch",
    description = {"Follow a release until it settles (exit 0) or failures stop it (exit 4).",
        "It settles when it waits for contract approval, completes or is aborted; failures stop it when a region"
            + " pauses with failed tenants in its current wave. On a terminal the status view is redrawn in place;"
            + " otherwise (a pipeline's log) one line is printed per change, or with --output json one document per"
            + " change."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {ExitCodes.OK_HELP, ExitCodes.REFUSED_HELP, ExitCodes.USAGE_HELP, ExitCodes.UNAVAILABLE_HELP,
        WatchCommand.FAILED_HELP})
public class WatchCommand implements Callable<Integer> {

  static final String FAILED_HELP = "4:watch: failures stopped the release (a region paused with failed tenants in"
      + " its current wave).";

  @Parameters(paramLabel = "RELEASE", description = "The release id.")
  String id;

  @Option(names = "--interval", paramLabel = "DURATION", converter = Interval.class,
      description = "Ask the orchestrator this often instead of following the release.status.v1 and"
          + " release.tenant-state.v1 topics (for when Kafka cannot be reached): 500ms, 1s, 2m; at least 100ms.")
  Duration interval;

  @Mixin RolloutOptions rollout;

  @Override
  public Integer call() throws InterruptedException {
    WatchDisplay display = rollout.json() ? WatchDisplay.json(rollout.out())
        : System.console() != null ? WatchDisplay.redrawing(rollout.out()) : WatchDisplay.lines(rollout.out());
    ReleaseFeed feed = interval != null ? new PollingReleaseFeed(rollout.client(), interval)
        : new TopicReleaseFeed(rollout.client(), Endpoints.kafkaBootstrap(), Endpoints.registryUrl());
    ReleaseWatch.Ending ending;
    try {
      ending = new ReleaseWatch(feed, display).follow(id);
    } catch (org.apache.kafka.common.KafkaException e) {
      rollout.err().println("tw: cannot follow the release on Kafka at " + Endpoints.kafkaBootstrap() + " ("
          + e.getMessage() + "); set TW_KAFKA_BOOTSTRAP, or poll the orchestrator with --interval 1s");
      return ExitCodes.UNAVAILABLE;
    }
    if (ending.exitCode() != ExitCodes.OK) {
      rollout.err().println("tw: " + ending.message());
    }
    return ending.exitCode();
  }

  static final class Interval implements ITypeConverter<Duration> {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");
    static final Duration SHORTEST = Duration.ofMillis(100);

    @Override
    public Duration convert(String value) {
      Matcher matcher = DURATION.matcher(value.trim());
      if (!matcher.matches()) {
        throw new TypeConversionException("expected a duration such as 500ms, 1s or 2m, was '" + value + "'");
      }
      long amount = Long.parseLong(matcher.group(1));
      Duration interval = switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        default -> Duration.ofMinutes(amount);
      };
      if (interval.compareTo(SHORTEST) < 0) {
        throw new TypeConversionException("at least 100ms, so that watching does not load the orchestrator, was '"
            + value + "'");
      }
      return interval;
    }
  }
}
