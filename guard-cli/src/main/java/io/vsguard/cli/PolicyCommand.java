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

  @Command(name = "validate", description = "Load a pack (file or directory) and report the first problem.")
  static final class Validate implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR|FILE")
    Path path;

    @Override
    public Integer call() {
      try {
        PolicyPack p = PolicyLoader.load(path);
        spec.commandLine().getOut().println(path + ": pack " + p.name() + " is valid (" + p.rules().size()
            + " rules active, " + p.customRules().size() + " custom, " + p.exemptions().size()
            + " exemptions, sha256 " + p.sha256() + ")");
        return ExitCodes.ALLOW;
      } catch (InputException e) {
        spec.commandLine().getErr().println("vsguard policy validate: " + e.getMessage());
        return ExitCodes.INPUT_ERROR;
      }
    }
  }

  @Command(name = "test", description = "Run the test cases of a pack directory (tests/*.yaml).")
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
        PolicyPack pack = PolicyLoader.load(dir);
        List<PolicyTests.Result> results = PolicyTests.run(dir, pack);
        int failed = 0;
        for (PolicyTests.Result r : results) {
          out.println((r.passed() ? "PASS " : "FAIL ") + r.name() + "  (" + r.file() + ")");
          r.problems().forEach(p -> out.println("     " + p));
          failed += r.passed() ? 0 : 1;
        }
        out.println((results.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 ? ExitCodes.ALLOW : ExitCodes.BLOCK;
      } catch (InputException e) {
        spec.commandLine().getErr().println("vsguard policy test: " + e.getMessage());
        return ExitCodes.INPUT_ERROR;
      }
    }
  }
}
