package io.vsguard.cli;

import io.vsguard.cli.input.InventorySource;
import io.vsguard.cli.input.Request;
import io.vsguard.core.check.Inputs;
import io.vsguard.core.load.InputException;
import io.vsguard.core.load.Limits;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.sim.Deadline;
import io.vsguard.core.stage.StageResult;
import io.vsguard.core.text.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vsguard stage}: write the plan back with a safe host-by-host rollout, or say why there is
 * none. It decides nothing, so it records nothing: the staged plan is checked (and recorded) by
 * {@code vsguard check} like any other plan.
 */
@Command(
    name = "stage",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description =
        "Write the plan back with a safe host-by-host rollout (YAML by default), or a runbook.",
    footer = {
      "",
      "No --audit-log: a staged plan is a proposal, not a decision, and stage records",
      "nothing. Checking the staged plan records the decision:",
      "  vsguard check --plan STAGED.yaml --inventory FILE",
      "Exit codes: 0 staged, 1 no safe rollout exists (reasons on stderr), 2 input",
      "error, 3 could not stage (vCenter unreadable, internal error)."
    })
public final class StageCommand implements Callable<Integer> {
  enum Format {
    yaml,
    json,
    markdown
  }

  @Spec CommandSpec spec;

  @Mixin InputOptions inputs = new InputOptions();

  @Mixin PolicyOption policyOption = new PolicyOption();

  @Option(
      names = {"--output", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "yaml",
      description = "yaml (default), json, or markdown (a runbook).")
  Format format;

  @Mixin OutOption out = new OutOption();

  @Option(
      names = "--max-wave",
      paramLabel = "N",
      description = "At most N hosts per wave (default: the pack's maxWaveHosts).")
  Integer maxWave;

  @Option(
      names = "--soak",
      paramLabel = "MINUTES",
      description = "Soak time of every gate (default: the pack's soakMinutes).")
  Integer soak;

  @Mixin DeadlineOption deadline = new DeadlineOption();

  private final Clock clock;

  public StageCommand() {
    this(Clock.systemUTC());
  }

  /** A stager whose "now" is read from {@code clock}; the corpus runner fixes it. */
  StageCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if ((maxWave != null && maxWave < 1) || (soak != null && soak < 1)) {
      err.println("vsguard stage: --max-wave and --soak take a whole number of 1 or more");
      return ExitCodes.INPUT_ERROR;
    }
    if (deadline.problem() != null) {
      err.println("vsguard stage: " + deadline.problem());
      return ExitCodes.INPUT_ERROR;
    }
    PolicyPack pack;
    Request request;
    try {
      pack = policyOption.load();
      request = inputs.read(System.getenv(), err);
    } catch (InputException | VcenterOptions.Invalid e) {
      err.println("vsguard stage: " + e.getMessage());
      return ExitCodes.INPUT_ERROR;
    }
    Inputs in;
    try {
      in = request.read();
    } catch (InventorySource.Unavailable e) {
      err.println("vsguard stage: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    Parameters params = pack.parameters();
    if (maxWave != null) {
      params = params.withMaxWaveHosts(maxWave);
    }
    if (soak != null) {
      params = params.withSoakMinutes(soak);
    }
    StageResult result =
        SecondCore.checker(pack.withParameters(params))
            .stage(in, clock.instant(), Deadline.after(deadline.budget()));
    ChangePlan plan = in.plan().document();
    if (result instanceof StageResult.Failed failed) {
      // nothing is offered: the stager could not prove a rollout in time, or a rule failed
      err.println("vsguard stage: ERROR, could not stage: " + failed.reason());
      return ExitCodes.ERROR;
    }
    if (result instanceof StageResult.Refused refused) {
      err.println("vsguard stage: no safe rollout for " + plan.metadata().id() + ":");
      refused.reasons().forEach(r -> err.println("  - " + r));
      return ExitCodes.BLOCK;
    }
    StageResult.Staged staged = (StageResult.Staged) result;
    String text =
        switch (format) {
          case json -> Json.pretty(staged.plan()) + "\n";
          case markdown -> new Runbook(staged.plan(), in.inventory().document()).render();
          default -> Json.yamlText(staged.plan());
        };
    long size = text.getBytes(StandardCharsets.UTF_8).length;
    if (format != Format.markdown && size > Limits.PLAN_BYTES) {
      // What stage writes, check must read (docs/spec/formats.md, Limits).
      err.println("vsguard stage: no safe rollout for " + plan.metadata().id() + ":");
      err.println(
          "  - the staged plan would be "
              + size
              + " bytes, over the "
              + Limits.PLAN_BYTES
              + " bytes a plan may have (docs/spec/formats.md, Limits); split the plan into smaller ones");
      return ExitCodes.BLOCK;
    }
    try {
      out.write(text, spec.commandLine().getOut());
    } catch (InputException e) {
      err.println("vsguard stage: " + e.getMessage());
      return ExitCodes.INPUT_ERROR;
    }
    if (out.given()) {
      err.println(
          "vsguard stage: wrote "
              + staged.plan().spec().rollout().waves().size()
              + " waves to "
              + out.file);
    }
    staged.notes().forEach(n -> err.println("  " + n));
    return ExitCodes.ALLOW;
  }
}
