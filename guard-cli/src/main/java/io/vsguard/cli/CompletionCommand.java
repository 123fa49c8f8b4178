package io.vsguard.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vsguard completion bash}: the completion script picocli generates from the command tree
 * itself, so it can never name a command or option that does not exist.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print the shell completion script for vsguard's commands and options.",
    footer = {
      "",
      "In this shell:    source <(vsguard completion bash)",
      "For every shell:  vsguard completion bash > /etc/bash_completion.d/vsguard",
      "zsh reads it too, after: autoload -U +X bashcompinit && bashcompinit",
      "Exit codes: 0 script printed, 2 unknown shell."
    })
final class CompletionCommand implements Callable<Integer> {
  enum Shell {
    bash
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash (the only one for now).")
  Shell shell;

  @Override
  public Integer call() {
    // The name the user types; the script registers it for "vsguard" and for "./vsguard" alike.
    spec.commandLine().getOut().print(AutoComplete.bash("vsguard", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return ExitCodes.ALLOW;
  }
}
