package io.vsguard.cli;

import io.vsguard.core.audit.AuditRecord.InventorySource;
import io.vsguard.core.check.Checker;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.Decisions;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.load.InputException;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.text.Json;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vsguard check}: evaluate a plan against an inventory and print the decision. */
@Command(name = "check", sortOptions = false, mixinStandardHelpOptions = true,
    description = "Evaluate a change plan against the vCenter inventory, record the decision in the audit log,"
        + " and print it.",
    footer = {"", "Exit codes: 0 ALLOW (or WARN), 1 BLOCK (or WARN with --fail-on warn),",
        "2 input error, 3 ERROR: could not evaluate (fail closed)."})
public final class CheckCommand implements Callable<Integer> {
  enum Output { text, json, markdown, sarif, junit }

  enum FailOn { warn }

  private final java.util.function.Function<PolicyPack, Checker> checkers;

  @Spec
  CommandSpec spec;

  @Mixin
  InputOptions inputs = new InputOptions();

  @Mixin
  PolicyOption policyOption = new PolicyOption();

  @Option(names = {"--output", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default), json (exactly one Decision document), markdown, sarif (SARIF 2.1.0) "
          + "or junit (JUnit XML).")
  Output output;

  @Option(names = "--fail-on", paramLabel = "warn", description = "Exit 1 on WARN too.")
  FailOn failOn;

  @Mixin
  AuditLogOption auditLog = new AuditLogOption();

  @picocli.CommandLine.Mixin
  SigningKeyOption signingKey = new SigningKeyOption();

  @picocli.CommandLine.Mixin
  DeadlineOption deadline = new DeadlineOption();

  public CheckCommand() {
    this(Checker::new);
  }

  /** Tests hand in a checker; the command line builds one from the policy pack. */
  CheckCommand(java.util.function.Function<PolicyPack, Checker> checkers) {
    this.checkers = checkers;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (deadline.problem() != null) {
      err.println("vsguard check: " + deadline.problem());
      return ExitCodes.INPUT_ERROR;
    }
    PolicyPack pack;
    InputOptions.Read read;
    io.vsguard.core.audit.AuditSigner signer;
    try {
      signer = signingKey.load(System.getenv());
      pack = policyOption.load();
      read = inputs.read(System.getenv());
    } catch (InputException | VcenterOptions.Invalid e) {
      err.println("vsguard check: " + e.getMessage());
      return ExitCodes.INPUT_ERROR;
    }
    InputOptions.Inputs in = read.inputs();
    VcenterOptions.Prepared live = read.live();
    Checker checker = checkers.apply(pack);
    Decision d;
    InventorySource source;
    if (live != null) {
      source = InventorySource.vcenter(live.target().sdkUrl());
      try {
        in = in.with(VcenterOptions.capture(live, err, VcenterOptions.stderrIsTerminal()));
        d = checker.check(in.plan(), in.planRaw(), in.inventory(), in.inventoryRaw(), Instant.now(), deadline.start());
      } catch (VcenterOptions.Failed e) {
        // fail closed: a vCenter that cannot be read is an ERROR decision, never a pass
        d = Decisions.error(e.getMessage(), new Decision.PlanRef(in.plan().metadata().id(), Decisions.sha256(in.planRaw())),
            new Decision.InventoryRef(null, e.url, null, live.target().tlsLabel()), checker.policy(), Instant.now());
      }
    } else {
      source = InventorySource.file(inputs.inventory);
      d = checker.check(in.plan(), in.planRaw(), in.inventory(), in.inventoryRaw(), Instant.now(), deadline.start());
    }
    d = AuditTrail.record(auditLog.store().withSigner(signer), d, in.plan(), source, policyOption.policy);
    switch (output) {
      case json -> out.println(Json.pretty(d));
      case markdown -> out.print(new MarkdownReport(in.plan()).render(d));
      case sarif -> out.println(new SarifReport(inputs.plan.toString(), pack.rules()).render(d));
      case junit -> out.print(new JunitReport(in.plan(), failOn != null).render(d));
      default -> out.print(new TextReport(in.plan()).render(d));
    }
    out.flush();
    if (d.verdict() == Verdict.ERROR) {
      err.println("vsguard check: ERROR, could not evaluate: " + d.error().message());
    }
    return exitCode(d.verdict(), failOn != null);
  }

  static int exitCode(Verdict v, boolean failOnWarn) {
    return switch (v) {
      case ALLOW -> ExitCodes.ALLOW;
      case WARN -> failOnWarn ? ExitCodes.BLOCK : ExitCodes.ALLOW;
      case BLOCK -> ExitCodes.BLOCK;
      case ERROR -> ExitCodes.ERROR;
    };
  }
}
