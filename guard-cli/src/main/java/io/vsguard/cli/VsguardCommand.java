package io.vsguard.cli;

import io.vsguard.core.decision.Decisions;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: lists the subcommands. */
@Command(
    name = "vsguard",
    mixinStandardHelpOptions = true,
    versionProvider = VsguardCommand.Version.class,
    description = "Change-management guard for vSphere distributed switches.",
    subcommands = {
      CheckCommand.class,
      StageCommand.class,
      ApplyCommand.class,
      InventoryCommand.class,
      RulesCommand.class,
      PolicyCommand.class,
      AuditCommand.class,
      ServeCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Every command answers -h/--help with its options and exit codes (docs/spec/cli.md).",
      "Exit codes: 0 ALLOW (or WARN), 1 BLOCK, 2 input error, 3 could not evaluate."
    })
public final class VsguardCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw VsguardCommand.missingSubcommand(spec);
  }

  /** A group command run without its subcommand is a usage error (exit 2), not a silent success. */
  static CommandLine.ParameterException missingSubcommand(CommandSpec spec) {
    return new CommandLine.ParameterException(
        spec.commandLine(),
        "expected a subcommand: "
            + String.join(
                ", ",
                spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList()));
  }

  /**
   * The command line with its exit codes wired: invalid flags give 2, an unexpected exception gives
   * 3 with one line on stderr (no stack trace). Tests run commands through this too.
   */
  public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    return newCommandLine(out, err, CommandLine.defaultFactory());
  }

  static CommandLine newCommandLine(
      PrintWriter out, PrintWriter err, CommandLine.IFactory factory) {
    CommandLine cl = new CommandLine(new VsguardCommand(), factory);
    // Every character any command prints passes the terminal edge (TerminalOutput); usage help
    // is plain text, never ANSI-coloured, so the edge has nothing of ours to escape.
    PrintWriter safeOut = TerminalOutput.wrap(out);
    PrintWriter safeErr = TerminalOutput.wrap(err);
    cl.setOut(safeOut);
    cl.setErr(safeErr);
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    // --output JSON like --verdict block: every value from a fixed list is read in any case.
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
          c.getErr()
              .println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
          c.getErr().flush();
          return ExitCodes.INPUT_ERROR;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("vsguard: internal error, nothing was evaluated: " + ex);
          return ExitCodes.ERROR;
        });
    CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
    cl.setExecutionStrategy(
        parseResult -> {
          try {
            return run.execute(parseResult);
          } finally {
            safeOut.flush();
            safeErr.flush();
          }
        });
    return cl;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"vsguard " + Decisions.ENGINE_VERSION};
    }
  }
}
