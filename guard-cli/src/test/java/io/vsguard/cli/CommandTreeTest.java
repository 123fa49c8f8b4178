package io.vsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Walks the whole command tree from the root: what a user types first (--help, -h) works on every
 * command, before any required option or parameter is asked for, and every command that does
 * something says which exit codes it gives.
 */
class CommandTreeTest {
  /**
   * Every command's path below the root, e.g. [audit, verify]; picocli's own help command included.
   */
  static List<List<String>> commands() {
    CommandLine root =
        VsguardCommand.newCommandLine(
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    List<List<String>> out = new ArrayList<>();
    walk(root, List.of(), out);
    return out;
  }

  private static void walk(CommandLine cl, List<String> path, List<List<String>> out) {
    out.add(path);
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> p = new ArrayList<>(path);
              p.add(name);
              walk(sub, List.copyOf(p), out);
            });
  }

  /** A command that does the work rather than grouping others (and is not picocli's help). */
  static boolean isLeaf(List<String> path) {
    CommandLine cl =
        VsguardCommand.newCommandLine(
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    for (String name : path) {
      cl = cl.getSubcommands().get(name);
    }
    return cl.getSubcommands().isEmpty() && !path.contains("help");
  }

  @Test
  void theWalkSeesTheWholeTree() {
    List<String> names = commands().stream().map(p -> String.join(" ", p)).toList();
    assertThat(names)
        .contains(
            "",
            "check",
            "stage",
            "inventory",
            "inventory export",
            "rules",
            "policy",
            "policy validate",
            "policy test",
            "audit",
            "audit list",
            "audit show",
            "audit verify",
            "audit export",
            "serve",
            "completion",
            "help");
  }

  @Test
  void everyCommandAnswersHelpAndHWithItsUsage() {
    for (List<String> path : commands()) {
      for (String flag : new String[] {"--help", "-h"}) {
        String[] args = Stream.concat(path.stream(), Stream.of(flag)).toArray(String[]::new);
        Cli r = Cli.run(args);
        String shown = String.join(" ", args);
        assertThat(r.exit()).as(shown + "\n" + r.err()).isZero();
        assertThat(r.err()).as(shown).isEmpty();
        // picocli's help command puts its description above the usage line.
        String usage = ("Usage: vsguard " + String.join(" ", path)).strip();
        assertThat(r.out().lines())
            .as(shown + "\n" + r.out())
            .anyMatch(l -> l.startsWith(usage + " "));
      }
    }
  }

  @Test
  void everyCommandThatDoesSomethingStatesItsExitCodes() {
    for (List<String> path : commands()) {
      if (isLeaf(path)) {
        Cli r = Cli.run(Stream.concat(path.stream(), Stream.of("--help")).toArray(String[]::new));
        assertThat(r.out()).as(String.join(" ", path)).contains("Exit codes: ");
      }
    }
  }

  @Test
  void anUnknownOptionStillPointsAtAHelpThatWorks() {
    Cli r = Cli.run("audit", "verify", "--frobnicate");
    assertThat(r.exit()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(r.err())
        .contains("Unknown option: '--frobnicate'", "Try 'vsguard audit verify --help'");
    assertThat(Cli.run("audit", "verify", "--help").exit()).isZero();
  }
}
