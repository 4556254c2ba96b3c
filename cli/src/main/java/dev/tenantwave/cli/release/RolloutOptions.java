package dev.tenantwave.cli.release;

import dev.tenantwave.cli.Credentials;
import dev.tenantwave.cli.Endpoints;
import dev.tenantwave.cli.ExitCodes;
import dev.tenantwave.cli.ServiceClient;
import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What every release command shares: where the orchestrator is, who calls it, how to print, what exit codes mean. */
@Command(exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {ExitCodes.OK_HELP, ExitCodes.REFUSED_HELP, ExitCodes.USAGE_HELP, ExitCodes.UNAVAILABLE_HELP})
public class RolloutOptions {

  enum Output { TEXT, JSON }

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help, with the exit codes.")
  boolean help;

  @Option(names = "--url", paramLabel = "URL",
      description = "The rollout orchestrator's base URL (default: TW_ROLLOUT_URL, else the one of ./tw up).")
  String url;

  @Option(names = "--user", paramLabel = "USER:PASSWORD", description = "Call as this user (default: TW_USER and"
      + " TW_PASSWORD, else the user of the role the call needs in .tw/credentials: viewer, operator or admin).")
  String user;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default) or json: the orchestrator's document, unchanged.")
  Output output;

  RolloutClient client() {
    String base = url == null ? Endpoints.services().get("rollout-orchestrator") : url;
    if (!base.startsWith("http://") && !base.startsWith("https://")) {
      throw usage("--url must start with http:// or https://, was '" + base + "'");
    }
    Function<String, Credentials> callers;
    if (user == null) {
      callers = Credentials::forRole;
    } else {
      try {
        Credentials given = Credentials.parse(user);
        callers = role -> given;
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
    }
    return new RolloutClient(new ServiceClient("rollout orchestrator", base, callers));
  }

  /** The document as the orchestrator wrote it with {@code --output json}, else the text view of it. */
  void print(String document, Function<String, String> text) {
    PrintWriter out = out();
    if (output == Output.JSON) {
      out.println(document);
    } else {
      out.print(text.apply(document));
    }
    out.flush();
  }

  boolean json() {
    return output == Output.JSON;
  }

  PrintWriter out() {
    return command.commandLine().getOut();
  }

  PrintWriter err() {
    return command.commandLine().getErr();
  }

  ParameterException usage(String message) {
    return new ParameterException(command.commandLine(), message);
  }
}
