package io.vsguard.cli;

import io.vsguard.core.engine.Deadline;
import io.vsguard.core.engine.Guard;
import io.vsguard.core.load.InputException;
import io.vsguard.core.load.Limits;
import io.vsguard.core.load.Json;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Parameters;
import io.vsguard.core.stage.StageResult;
import io.vsguard.core.stage.Stager;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vsguard stage}: write the plan back with a safe host-by-host rollout, or say why there is none. */
@Command(name = "stage", sortOptions = false,
    description = "Write the plan back with a safe host-by-host rollout (YAML by default), or a runbook.",
    footer = {"", "Exit codes: 0 staged, 1 no safe rollout exists (reasons on stderr), 2 input error, 3 internal error."})
public final class StageCommand implements Callable<Integer> {
  enum Format { yaml, json, markdown }

  @Spec
  CommandSpec spec;

  @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "ChangePlan file (YAML or JSON).")
  Path plan;

  @Option(names = "--inventory", paramLabel = "FILE", description = "Inventory snapshot (JSON); or --vcenter.")
  Path inventory;

  @picocli.CommandLine.Mixin
  VcenterOptions vcenter = new VcenterOptions();

  @picocli.CommandLine.Mixin
  PolicyOption policyOption = new PolicyOption();

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path out;

  @Option(names = "--max-wave", paramLabel = "N", description = "At most N hosts per wave (default: the pack's maxWaveHosts).")
  Integer maxWave;

  @Option(names = "--soak", paramLabel = "MINUTES", description = "Soak time of every gate (default: the pack's soakMinutes).")
  Integer soak;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml",
      description = "yaml (default), json, or markdown (a runbook).")
  Format format;

  @picocli.CommandLine.Mixin
  DeadlineOption deadline = new DeadlineOption();

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if ((maxWave != null && maxWave < 1) || (soak != null && soak < 1)) {
      err.println("vsguard stage: --max-wave and --soak take a whole number of 1 or more");
      return ExitCodes.INPUT_ERROR;
    }
    if (!CheckCommand.Inputs.exactlyOneSource(inventory, vcenter, "stage", err)) {
      return ExitCodes.INPUT_ERROR;
    }
    if (deadline.problem() != null) {
      err.println("vsguard stage: " + deadline.problem());
      return ExitCodes.INPUT_ERROR;
    }
    CheckCommand.Inputs in;
    PolicyPack pack;
    VcenterOptions.Prepared live = null;
    try {
      pack = policyOption.load();
      if (vcenter.given()) {
        live = vcenter.prepare(System.getenv());
        in = CheckCommand.Inputs.withoutInventory(plan);
      } else {
        in = CheckCommand.Inputs.load(plan, inventory);
      }
    } catch (InputException | VcenterOptions.Invalid e) {
      err.println("vsguard stage: " + e.getMessage());
      return ExitCodes.INPUT_ERROR;
    }
    if (live != null) {
      try {
        in = in.with(VcenterOptions.capture(live, err, VcenterOptions.stderrIsTerminal()));
      } catch (VcenterOptions.Failed e) {
        err.println("vsguard stage: " + e.getMessage());
        return ExitCodes.ERROR;
      }
    }
    Parameters params = pack.parameters();
    if (maxWave != null) {
      params = params.withMaxWaveHosts(maxWave);
    }
    if (soak != null) {
      params = params.withSoakMinutes(soak);
    }
    StageResult result;
    try {
      result = new Stager(pack.rules(), params, pack.overrides(), pack.exemptions())
          .stage(in.plan(), in.inventory(), Instant.now(), deadline.start());
    } catch (Deadline.Exceeded | Guard.RuleFailure e) {
      // nothing is offered: the stager could not prove a rollout in time, or a rule failed
      err.println("vsguard stage: ERROR, could not stage: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    if (result instanceof StageResult.Refused refused) {
      err.println("vsguard stage: no safe rollout for " + in.plan().metadata().id() + ":");
      refused.reasons().forEach(r -> err.println("  - " + r));
      return ExitCodes.BLOCK;
    }
    StageResult.Staged staged = (StageResult.Staged) result;
    String text = switch (format) {
      case json -> Json.pretty(staged.plan()) + "\n";
      case markdown -> new Runbook(staged.plan(), in.inventory()).render();
      default -> Json.yaml().writeValueAsString(staged.plan());
    };
    long size = text.getBytes(StandardCharsets.UTF_8).length;
    if (format != Format.markdown && size > Limits.PLAN_BYTES) {
      // What stage writes, check must read (docs/spec/formats.md, Limits).
      err.println("vsguard stage: no safe rollout for " + in.plan().metadata().id() + ":");
      err.println("  - the staged plan would be " + size + " bytes, over the " + Limits.PLAN_BYTES
          + " bytes a plan may have (docs/spec/formats.md, Limits); split the plan into smaller ones");
      return ExitCodes.BLOCK;
    }
    if (out != null) {
      Files.writeString(out, text, StandardCharsets.UTF_8);
      err.println("vsguard stage: wrote " + staged.plan().spec().rollout().waves().size() + " waves to " + out);
    } else {
      spec.commandLine().getOut().print(text);
    }
    staged.notes().forEach(n -> err.println("  " + n));
    return ExitCodes.ALLOW;
  }

}
