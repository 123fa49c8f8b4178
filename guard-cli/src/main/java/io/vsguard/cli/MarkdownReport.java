package io.vsguard.cli;

import io.vsguard.core.decision.Decision;
import io.vsguard.core.plan.ChangePlan;
import io.vsguard.core.rule.Finding;

/** The decision as a Markdown table, for change tickets and pull requests. */
final class MarkdownReport {
  private final ChangePlan plan;

  MarkdownReport(ChangePlan plan) {
    this.plan = plan;
  }

  String render(Decision d) {
    StringBuilder sb = new StringBuilder();
    sb.append("## vsguard: ")
        .append(d.verdict())
        .append(" — ")
        .append(escape(plan.metadata().id()));
    if (plan.metadata().title() != null) {
      sb.append(": ").append(escape(plan.metadata().title()));
    }
    sb.append("\n\n");
    if (d.error() != null) {
      sb.append("The guard could not evaluate this plan: ")
          .append(escape(d.error().message()))
          .append("\n");
      return sb.toString();
    }
    if (d.findings().isEmpty()) {
      sb.append("No findings.\n");
      return sb.toString();
    }
    sb.append("| severity | rule | change | wave | step | host | message |\n");
    sb.append("|---|---|---|---|---|---|---|\n");
    for (Finding f : d.findings()) {
      sb.append("| ")
          .append(DecisionSummary.label(f))
          .append(" | `")
          .append(f.rule())
          .append("` | ")
          .append(cell(f.change()))
          .append(" | ")
          .append(cell(f.wave()))
          .append(" | ")
          .append(f.step() == null ? "" : f.step())
          .append(" | ")
          .append(cell(f.subject().host()))
          .append(" | ")
          .append(escape(f.message()))
          .append(" |\n");
    }
    sb.append("\nDecision ")
        .append(d.decisionId())
        .append(", plan sha256 `")
        .append(d.plan().sha256())
        .append("`, inventory sha256 `")
        .append(d.inventory().sha256())
        .append("`.\n");
    return sb.toString();
  }

  private static String cell(String s) {
    return s == null ? "" : escape(s);
  }

  private static String escape(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
