package io.vsguard.cli;

import io.vsguard.cli.input.Request;
import io.vsguard.core.check.Checker;
import io.vsguard.core.decision.Decision;
import io.vsguard.core.decision.FindingsJson;
import io.vsguard.core.decision.Verdict;
import io.vsguard.core.load.InputException;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Finding;
import io.vsguard.core.text.Json;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vsguard check}: evaluate a plan against an inventory and print the decision. */
@Command(
    name = "check",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description =
        "Evaluate a change plan against the vCenter inventory, record the decision in the audit log,"
            + " and print it.",
    footer = {
      "",
      "Exit codes: 0 ALLOW (or WARN), 1 BLOCK (or WARN with --fail-on warn),",
      "2 input error, 3 ERROR: could not evaluate (fail closed)."
    })
public final class CheckCommand implements Callable<Integer> {
  enum Output {
    text,
    json,
    markdown,
    sarif,
    junit
  }

  enum FailOn {
    warn
  }

  private final java.util.function.Function<PolicyPack, Checker> checkers;
  private final Clock clock;

  @Spec CommandSpec spec;

  @Mixin InputOptions inputs = new InputOptions();

  @Mixin PolicyOption policyOption = new PolicyOption();

  @Option(
      names = {"--output", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (default), json (exactly one Decision document), markdown, sarif (SARIF 2.1.0) "
              + "or junit (JUnit XML).")
  Output output;

  @Option(names = "--fail-on", paramLabel = "warn", description = "Exit 1 on WARN too.")
  FailOn failOn;

  @Mixin AuditLogOption auditLog = new AuditLogOption();

  @picocli.CommandLine.Mixin SigningKeyOption signingKey = new SigningKeyOption();

  @picocli.CommandLine.Mixin DeadlineOption deadline = new DeadlineOption();

  public CheckCommand() {
    this(SecondCore::checker, Clock.systemUTC());
  }

  /** Tests hand in a checker; the command line builds one from the policy pack. */
  CheckCommand(java.util.function.Function<PolicyPack, Checker> checkers) {
    this(checkers, Clock.systemUTC());
  }

  /**
   * A check whose "now" (windows, freezes, snapshot age, exemption expiry) is read from {@code
   * clock}: the corpus runner fixes it, so a case decides the same on any day.
   */
  CheckCommand(Clock clock) {
    this(SecondCore::checker, clock);
  }

  CheckCommand(java.util.function.Function<PolicyPack, Checker> checkers, Clock clock) {
    this.checkers = checkers;
    this.clock = clock;
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
    Request request;
    io.vsguard.core.audit.AuditSigner signer;
    try {
      signer = signingKey.load(System.getenv());
      pack = policyOption.load();
      request = inputs.read(System.getenv(), err);
    } catch (InputException | VcenterOptions.Invalid e) {
      err.println("vsguard check: " + e.getMessage());
      return ExitCodes.INPUT_ERROR;
    }
    // The findings' JSON for the audit record is written as soon as they are known: with a second
    // core, while the stager is still proving the suggested rollout.
    AtomicReference<FindingsJson.Precomputed> findingsJson = new AtomicReference<>();
    Decision d =
        request.check(
            checkers.apply(pack),
            clock,
            deadline.budget(),
            findings -> findingsJson.set(writtenAhead(findings)));
    ChangePlan plan = request.plan().document();
    // The report of a decision that is recorded is written while the record is: a decision of a
    // large site is tens of MB to serialise and hash, and its report is the rest of the work.
    Decision checked = d;
    SecondCore.Started<String> report = SecondCore.start(() -> render(checked, plan, pack));
    d =
        AuditTrail.record(
            auditLog.store().withSigner(signer),
            d,
            plan,
            request.inventory().recordedAs(),
            policyOption.source(),
            findingsJson.get());
    out.print(d.decisionId().equals(checked.decisionId()) ? report.get() : render(d, plan, pack));
    out.flush();
    if (d.verdict() == Verdict.ERROR) {
      err.println("vsguard check: ERROR, could not evaluate: " + d.error().message());
    }
    return exitCode(d.verdict(), failOn != null);
  }

  /** The findings' JSON, or null to leave it to the audit append (which then says what failed). */
  private static FindingsJson.Precomputed writtenAhead(List<Finding> findings) {
    try {
      return FindingsJson.Precomputed.of(findings);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private String render(Decision d, ChangePlan plan, PolicyPack pack) {
    return switch (output) {
      case json -> Json.pretty(d) + System.lineSeparator();
      case markdown -> new MarkdownReport(plan).render(d);
      case sarif ->
          new SarifReport(inputs.plan.toString(), pack.rules()).render(d) + System.lineSeparator();
      case junit -> new JunitReport(plan, failOn != null).render(d);
      case text -> new TextReport(plan).render(d);
    };
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
