package dev.tenantwave.cli;

import dev.tenantwave.cli.audit.IsolationAuditCommand;
import dev.tenantwave.cli.health.HealthCommand;
import dev.tenantwave.cli.release.ReleaseCommand;
import dev.tenantwave.cli.topics.TopicsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tw} command line: release engineers' entry point to every Tenantwave service. */
@Command(
    name = "tw",
    mixinStandardHelpOptions = true,
    version = "tw 0.1.0",
    description = "Tenantwave: release a multi-tenant product tenant by tenant.",
    subcommands = {HealthCommand.class, TopicsCommand.class, IsolationAuditCommand.class, ReleaseCommand.class,
        CommandLine.HelpCommand.class})
public final class Tw {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new Tw()).setExecutionExceptionHandler((e, cmd, parsed) -> {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      cmd.getErr().println(cmd.getColorScheme().errorText("tw: " + message));
      return e instanceof CommandLine.IExitCodeGenerator exit ? exit.getExitCode() : 1;
    }).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
