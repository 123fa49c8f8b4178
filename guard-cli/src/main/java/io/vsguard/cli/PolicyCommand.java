package io.vsguard.cli;

import io.vsguard.core.check.PolicyTestRunner;
import io.vsguard.core.load.InputException;
import io.vsguard.core.policy.PolicyLoader;
import io.vsguard.core.policy.PolicyPack;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vsguard policy validate|test}: check a pack loads, and run its own test cases. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Validate policy packs and run their tests.",
    subcommands = {PolicyCommand.Validate.class, PolicyCommand.Test.class})
public final class PolicyCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw VsguardCommand.missingSubcommand(spec);
  }

  /** What validate and test do with one pack that loaded; returns its exit code. */
  @FunctionalInterface
  interface PackAction {
    int run(Path pack, PolicyPack loaded) throws InputException;
  }

  /**
   * Loads every pack {@code path} names and runs {@code action} on each, in path order. A pack that
   * cannot be loaded or tested is reported on stderr and the others still run, so one broken pack
   * does not hide the state of the rest. Returns the worst exit code: input error over a failed
   * test over success.
   */
  static int eachPack(CommandSpec spec, Path path, PackAction action) {
    PrintWriter err = spec.commandLine().getErr();
    List<Path> packs;
    try {
      packs = packs(path);
    } catch (InputException e) {
      err.println(spec.qualifiedName() + ": " + e.getMessage());
      return ExitCodes.INPUT_ERROR;
    }
    int code = ExitCodes.ALLOW;
    for (Path p : packs) {
      try {
        code = Math.max(code, action.run(p, PolicyLoader.load(p)));
      } catch (InputException e) {
        err.println(spec.qualifiedName() + ": " + e.getMessage());
        code = ExitCodes.INPUT_ERROR;
      }
    }
    return code;
  }

  /**
   * The packs a path names: a pack file, a pack directory (YAML files of its own), or a directory
   * with pack directories below it such as {@code policies/}, in path order.
   */
  static List<Path> packs(Path path) throws InputException {
    if (!Files.isDirectory(path) || hasYaml(path)) {
      return List.of(path);
    }
    try (java.util.stream.Stream<Path> s = Files.walk(path)) {
      // Pack directories anywhere below (policies/ holds default/ and examples/*/), not their
      // tests/.
      List<Path> dirs =
          s.filter(Files::isDirectory)
              .filter(d -> !d.getFileName().toString().equals("tests"))
              .filter(PolicyCommand::hasYaml)
              .sorted()
              .toList();
      if (dirs.isEmpty()) {
        throw new InputException(
            path.toString(),
            "",
            0,
            "no policy files (*.yaml) in this directory, nor pack directories below it");
      }
      return dirs;
    } catch (java.io.IOException e) {
      throw new InputException(path.toString(), "", 0, "cannot list directory: " + e.getMessage());
    }
  }

  private static boolean hasYaml(Path dir) {
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(
          f -> Files.isRegularFile(f) && f.getFileName().toString().matches("(?i).*\\.ya?ml"));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description =
          "Load packs (a file, a pack directory, or a directory of packs) and report the first problem"
              + " of each.",
      footer = {
        "",
        "Exit codes: 0 every pack is valid, 2 a pack is not (its first problem on stderr)."
      })
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "DIR|FILE",
        description = "A pack file, a pack directory, or a directory of packs such as policies/.")
    Path path;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      return eachPack(
          spec,
          path,
          (p, pack) -> {
            out.println(
                p
                    + ": pack "
                    + pack.name()
                    + " is valid ("
                    + pack.rules().size()
                    + " rules active, "
                    + pack.customRules().size()
                    + " custom, "
                    + pack.exemptions().size()
                    + " exemptions, sha256 "
                    + pack.sha256()
                    + ")");
            return ExitCodes.ALLOW;
          });
    }
  }

  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description =
          "Run the test cases (tests/*.yaml) of a pack directory, or of every pack in a directory of"
              + " packs.",
      footer = {
        "",
        "Exit codes: 0 every test passed, 1 a test failed, 2 a pack or a test case",
        "could not be read."
      })
  static final class Test implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "DIR",
        description = "A pack directory with tests/, or a directory of packs.")
    Path dir;

    @picocli.CommandLine.Mixin DeadlineOption deadline = new DeadlineOption();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (deadline.problem() != null) {
        spec.commandLine().getErr().println("vsguard policy test: " + deadline.problem());
        return ExitCodes.INPUT_ERROR;
      }
      if (!Files.isDirectory(dir)) {
        spec.commandLine()
            .getErr()
            .println("vsguard policy test: " + dir + ": expected a pack directory with tests/");
        return ExitCodes.INPUT_ERROR;
      }
      List<PolicyTestRunner.Result> results = new ArrayList<>();
      int code =
          eachPack(
              spec,
              dir,
              (p, pack) -> {
                List<PolicyTestRunner.Result> ofPack =
                    PolicyTestRunner.run(p, pack, deadline.budget());
                for (PolicyTestRunner.Result r : ofPack) {
                  out.println((r.passed() ? "PASS " : "FAIL ") + r.name() + "  (" + r.file() + ")");
                  r.problems().forEach(problem -> out.println("     " + problem));
                }
                results.addAll(ofPack);
                return ofPack.stream().allMatch(PolicyTestRunner.Result::passed)
                    ? ExitCodes.ALLOW
                    : ExitCodes.BLOCK;
              });
      long failed = results.stream().filter(r -> !r.passed()).count();
      out.println((results.size() - failed) + " passed, " + failed + " failed");
      return code;
    }
  }
}
