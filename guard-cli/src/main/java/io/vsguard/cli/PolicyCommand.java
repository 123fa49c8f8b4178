package io.vsguard.cli;

import io.vsguard.core.load.InputException;
import io.vsguard.core.policy.PolicyLoader;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.policy.PolicyTests;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vsguard policy validate|test}: check a pack loads, and run its own test cases. */
@Command(name = "policy", description = "Validate policy packs and run their tests.",
    subcommands = {PolicyCommand.Validate.class, PolicyCommand.Test.class})
public final class PolicyCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw VsguardCommand.missingSubcommand(spec);
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
      // Pack directories anywhere below (policies/ holds default/ and examples/*/), not their tests/.
      List<Path> dirs = s.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().equals("tests"))
          .filter(PolicyCommand::hasYaml).sorted().toList();
      if (dirs.isEmpty()) {
        throw new InputException(path.toString(), "", 0,
            "no policy files (*.yaml) in this directory, nor pack directories below it");
      }
      return dirs;
    } catch (java.io.IOException e) {
      throw new InputException(path.toString(), "", 0, "cannot list directory: " + e.getMessage());
    }
  }

  private static boolean hasYaml(Path dir) {
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(f -> Files.isRegularFile(f) && f.getFileName().toString().matches("(?i).*\\.ya?ml"));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Command(name = "validate", description = "Load packs (a file, a pack directory, or a directory of packs) "
      + "and report the first problem of each.")
  static final class Validate implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR|FILE")
    Path path;

    @Override
    public Integer call() {
      int code = ExitCodes.ALLOW;
      try {
        for (Path p : packs(path)) {
          try {
            PolicyPack pack = PolicyLoader.load(p);
            spec.commandLine().getOut().println(p + ": pack " + pack.name() + " is valid (" + pack.rules().size()
                + " rules active, " + pack.customRules().size() + " custom, " + pack.exemptions().size()
                + " exemptions, sha256 " + pack.sha256() + ")");
          } catch (InputException e) {
            spec.commandLine().getErr().println("vsguard policy validate: " + e.getMessage());
            code = ExitCodes.INPUT_ERROR;
          }
        }
      } catch (InputException e) {
        spec.commandLine().getErr().println("vsguard policy validate: " + e.getMessage());
        return ExitCodes.INPUT_ERROR;
      }
      return code;
    }
  }

  @Command(name = "test", description = "Run the test cases (tests/*.yaml) of a pack directory, or of every "
      + "pack in a directory of packs.")
  static final class Test implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR")
    Path dir;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (!Files.isDirectory(dir)) {
        spec.commandLine().getErr().println("vsguard policy test: " + dir + ": expected a pack directory with tests/");
        return ExitCodes.INPUT_ERROR;
      }
      try {
        int passed = 0;
        int failed = 0;
        for (Path p : packs(dir)) {
          PolicyPack pack = PolicyLoader.load(p);
          for (PolicyTests.Result r : PolicyTests.run(p, pack)) {
            out.println((r.passed() ? "PASS " : "FAIL ") + r.name() + "  (" + r.file() + ")");
            r.problems().forEach(problem -> out.println("     " + problem));
            if (r.passed()) {
              passed++;
            } else {
              failed++;
            }
          }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? ExitCodes.ALLOW : ExitCodes.BLOCK;
      } catch (InputException e) {
        spec.commandLine().getErr().println("vsguard policy test: " + e.getMessage());
        return ExitCodes.INPUT_ERROR;
      }
    }
  }
}
