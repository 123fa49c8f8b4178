package io.vsguard.cli;

import io.vsguard.core.rule.Catalog;
import io.vsguard.core.rule.Rule;
import io.vsguard.core.rule.RuleInfo;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vsguard rules [ID]}: the catalog, or one rule explained. */
@Command(name = "rules", description = "List the rule catalog, or explain one rule.")
public final class RulesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "RULE-ID", description = "Explain this rule.")
  String id;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (id == null) {
      out.printf("%-26s %-6s %s%n", "RULE", "SEV", "SUMMARY");
      for (Rule r : Catalog.builtIn()) {
        RuleInfo i = r.info();
        out.printf("%-26s %-6s %s%n", i.id(), i.severity().wire(), i.summary());
      }
      out.println();
      out.println("vsguard rules RULE-ID explains one rule.");
      return ExitCodes.ALLOW;
    }
    Optional<Rule> rule = Catalog.find(id);
    if (rule.isEmpty()) {
      spec.commandLine().getErr().println("vsguard rules: no rule '" + id + "'; `vsguard rules` lists them");
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
