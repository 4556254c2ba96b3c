package dev.tenantwave.cli.release;

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

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = Interval.class,
      description = "How often to ask the orchestrator: 500ms, 1s (default), 2m; at least 100ms.")
  Duration interval;

  @Mixin RolloutOptions rollout;

  @Override
  public Integer call() throws InterruptedException {
    WatchDisplay display = rollout.json() ? WatchDisplay.json(rollout.out())
        : System.console() != null ? WatchDisplay.redrawing(rollout.out()) : WatchDisplay.lines(rollout.out());
    ReleaseWatch.Ending ending = new ReleaseWatch(new PollingReleaseFeed(rollout.client(), interval), display)
        .follow(id);
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
