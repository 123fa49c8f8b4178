package io.vsguard.cli;

import io.vsguard.core.load.InputException;
import io.vsguard.core.policy.CelRule;
import io.vsguard.core.policy.PolicyPack;
import io.vsguard.core.rule.Rule;
import io.vsguard.core.rule.RuleInfo;
import io.vsguard.core.rules.Catalog;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vsguard rules [ID]}: the catalog, or one rule explained. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "List the rule catalog as a policy pack sets it, or explain one rule.",
    footer = {"", "Exit codes: 0 listed or explained, 2 unknown rule id or invalid policy pack."})
public final class RulesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "RULE-ID", description = "Explain this rule.")
  String id;

  @picocli.CommandLine.Mixin PolicyOption policyOption = new PolicyOption();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PolicyPack pack;
    try {
      pack = policyOption.load();
    } catch (InputException e) {
      spec.commandLine().getErr().println("vsguard rules: " + e.getMessage());
      return ExitCodes.INPUT_ERROR;
    }
    if (id == null) {
      out.println(
          "Rules active under policy pack "
              + pack.name()
              + " (severity after the pack's overrides):");
      out.printf("%-26s %-6s %s%n", "RULE", "SEV", "SUMMARY");
      for (Rule r : pack.rules()) {
        RuleInfo i = r.info();
        String sev = pack.overrides().getOrDefault(i.id(), i.severity()).wire();
        boolean custom = pack.customRules().contains(r);
        // Summaries wrap under their column, so the list reads in an 80-column terminal.
        StringBuilder row = new StringBuilder();
        TextReport.wrap(
            row,
            i.summary() + (custom ? " [custom]" : ""),
            String.format("%-26s %-6s ", i.id(), sev),
            " ".repeat(34));
        out.print(row);
      }
      List<String> off =
          Catalog.builtIn().stream()
              .map(r -> r.info().id())
              .filter(x -> pack.rules().stream().noneMatch(r -> r.info().id().equals(x)))
              .toList();
      if (!off.isEmpty()) {
        out.println("Switched off by the pack: " + String.join(", ", off));
      }
      out.println();
      out.println("vsguard rules RULE-ID explains one rule.");
      return ExitCodes.ALLOW;
    }
    Optional<Rule> custom =
        pack.customRules().stream().filter(r -> r.info().id().equals(id)).findFirst();
    if (custom.isPresent()) {
      RuleInfo i = custom.get().info();
      out.println("# " + i.id() + " (custom rule of policy pack " + pack.name() + ")");
      out.println();
      out.println(i.summary());
      out.println();
      CelRule cel = (CelRule) custom.get();
      String expr = cel.expression();
      out.println(
          "Evaluated per " + cel.scope() + "; a finding when this CEL expression is false:");
      out.println("    " + expr.replace("\n", "\n    "));
      out.println();
      out.println("Severity: " + i.severity().wire());
      out.println("Remediation: " + i.remediation());
      out.println("Reference: " + i.reference());
      return ExitCodes.ALLOW;
    }
    Optional<Rule> rule = Catalog.find(id);
    if (rule.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println("vsguard rules: no rule '" + id + "'; `vsguard rules` lists them");
      return ExitCodes.INPUT_ERROR;
    }
    RuleInfo i = rule.get().info();
    Optional<String> docs = Catalog.docs(id);
    if (docs.isPresent()) {
      out.print(docs.get());
      if (!docs.get().endsWith("\n")) {
        out.println();
      }
    } else {
      out.println(i.id() + " (" + i.severity().wire() + ")");
      out.println(i.summary());
    }
    out.println();
    out.println("Default severity: " + i.severity().wire());
    out.println("Remediation: " + i.remediation());
    out.println("Reference: " + i.reference());
    return ExitCodes.ALLOW;
  }
}
